// Filter for /agenda/massnahmen/: progressive enhancement only. Without this
// script the page shows the complete table and links to pre-rendered views.
(function () {
  "use strict";
  var form = document.getElementById("filter");
  var table = document.getElementById("tabelle-massnahmen");
  if (!form || !table || !("hidden" in form)) return;
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var out = form.querySelector(".filter-ergebnis");
  var text = rows.map(function (r) { return r.textContent.toLowerCase(); });
  var fields = ["status", "handlungsfeld", "ressorts", "strategie"];
  var timer;

  function apply() {
    var q = form.elements.suche.value.trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (r, i) {
      var ok = !q || text[i].indexOf(q) >= 0;
      fields.forEach(function (f) {
        var v = form.elements[f].value;
        // data-ressorts lists several Kürzel separated by spaces.
        if (ok && v) ok = (" " + r.getAttribute("data-" + f) + " ").indexOf(" " + v + " ") >= 0;
      });
      r.hidden = !ok;
      if (ok) shown++;
    });
    out.textContent = shown === rows.length
      ? "Alle " + rows.length + " Maßnahmen werden angezeigt."
      : shown + " von " + rows.length + " Maßnahmen werden angezeigt.";
  }

  form.hidden = false;
  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(apply, 150); // do not announce every keystroke
  });
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
})();
