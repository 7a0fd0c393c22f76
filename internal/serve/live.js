// tdsite-Vorschau: lädt die Seite neu, wenn sich Inhalte geändert haben,
// und tauscht Stylesheets ohne Neuladen aus. Nur in `tdsite serve`.
(function () {
  "use strict";
  var key = "tdsite-vorschau-scroll:" + location.pathname;
  window.addEventListener("load", function () {
    var y = sessionStorage.getItem(key);
    if (y !== null) {
      sessionStorage.removeItem(key);
      window.scrollTo(0, Number(y));
    }
  });
  function reload() {
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  }
  // The data names the pages that changed ("*": all). Pages that name the
  // edited file come first, the site-wide lists a moment later.
  function mine(e) {
    return e.data === "*" || e.data.split(" ").indexOf(location.pathname) >= 0;
  }
  // The server renders the pages open in a tab first after a change.
  var es = new EventSource("/__tdsite/ereignisse?seite=" + encodeURIComponent(location.pathname));
  ["seiten", "reload", "fehler"].forEach(function (name) {
    es.addEventListener(name, function (e) { if (mine(e)) reload(); });
  });
  es.addEventListener("css", function () {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    Array.prototype.forEach.call(links, function (l) {
      var u = new URL(l.href);
      if (u.origin !== location.origin || u.pathname.indexOf("/__tdsite/") === 0) return;
      u.searchParams.set("v", String(Date.now()));
      var n = l.cloneNode();
      n.href = u.href;
      n.addEventListener("load", function () { l.remove(); });
      l.after(n);
    });
  });
  // The error panel: with JavaScript it can be hidden (button or Escape);
  // it comes back with the next reload while errors remain.
  var panel = document.getElementById("tdsite-fehler");
  if (panel) {
    var btn = panel.querySelector(".tdsite-schliessen");
    btn.hidden = false;
    var hide = function () { panel.hidden = true; };
    btn.addEventListener("click", hide);
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape") hide();
    });
  }
})();
