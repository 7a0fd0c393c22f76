/* Suche für #thüringendigital.
   Lädt beim ersten Tippen den Index, den tdsite beim Bauen schreibt
   (suche/index.<hash>.json: {typen: {kürzel: Bezeichnung}, seiten: [{t: Titel,
   u: Adresse, y: Typ, x: kurzer Text, k: weitere Suchwörter}]}), und zeigt die
   Treffer als Liste. Ohne dieses Skript führt das Formular zur Liste aller
   Maßnahmen. Kein Framework, keine fremden Dateien. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-index]");
  if (!form || !window.fetch || !document.createElement("p").closest) { return; }
  var input = form.querySelector("input[name=q]");
  var status = document.getElementById("suche-status");
  var list = document.getElementById("suche-treffer");
  var MAX = 50;
  var index = null, typen = {}, loading = null, timer = 0, failed = false;

  // Umlaute und Akzente vereinheitlichen: „Thüringen“ findet „thueringen“ und umgekehrt.
  function fold(s) {
    return (s || "").normalize("NFC").toLowerCase()
      .replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue").replace(/ß/g, "ss")
      .normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function load() {
    if (!loading) {
      loading = fetch(form.getAttribute("data-index"), { credentials: "same-origin" })
        .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
        .then(function (data) {
          typen = data.typen || {};
          index = (data.seiten || []).map(function (e) {
            var titel = fold(e.t);
            return { e: e, titel: titel, woerter: " " + titel.replace(/[^a-z0-9]+/g, " "), alles: fold([e.t, e.x, e.k, typen[e.y]].join(" ")) };
          });
        })
        .catch(function () {
          failed = true;
          say("Die Suche ist gerade nicht verfügbar. Mit „Suchen“ kommen Sie zur Liste aller Maßnahmen.");
        });
    }
    return loading;
  }

  function say(text) { status.textContent = text; }

  function search(query) {
    var words = fold(query).split(/[\s,;]+/).filter(Boolean);
    if (!words.length) { return []; }
    var whole = fold(query.trim());
    var hits = [];
    index.forEach(function (item, i) {
      var score = 0;
      for (var w = 0; w < words.length; w++) {
        if (item.alles.indexOf(words[w]) < 0) { return; }
        // am Anfang des Titels > am Anfang eines Worts im Titel > irgendwo im Titel > im Text
        score += item.titel.indexOf(words[w]) === 0 ? 6 : item.woerter.indexOf(" " + words[w]) >= 0 ? 4 : item.titel.indexOf(words[w]) >= 0 ? 2 : 1;
      }
      if (item.titel.indexOf(whole) >= 0) { score += 3; }
      hits.push({ item: item, score: score, order: i });
    });
    hits.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    return hits;
  }

  function show(query) {
    var q = query.trim();
    list.textContent = "";
    if (!q) { list.hidden = true; say(""); return; }
    var hits = search(q);
    hits.slice(0, MAX).forEach(function (h) {
      var e = h.item.e;
      var li = document.createElement("li");
      var typ = document.createElement("span");
      typ.className = "treffer-typ";
      typ.textContent = typen[e.y] || "";
      var a = document.createElement("a");
      a.href = e.u;
      a.textContent = e.t;
      li.appendChild(typ);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(a);
      if (e.x) {
        var p = document.createElement("p");
        p.textContent = e.x;
        li.appendChild(p);
      }
      list.appendChild(li);
    });
    list.hidden = hits.length === 0;
    var n = hits.length;
    var text = n === 0 ? "Keine Treffer für „" + q + "“. Versuchen Sie ein anderes oder kürzeres Wort."
      : (n === 1 ? "1 Treffer" : n + " Treffer") + " für „" + q + "“" + (n > MAX ? ", die ersten " + MAX + " werden gezeigt." : ".");
    say(text);
  }

  function run(query) {
    load().then(function () { if (index) { show(query); } });
  }

  form.addEventListener("submit", function (ev) {
    if (failed) { return; } // ohne Index: zur Liste aller Maßnahmen
    ev.preventDefault();
    clearTimeout(timer);
    if (window.history && history.replaceState) {
      history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
    }
    run(input.value);
  });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value); }, 350);
  });
  input.addEventListener("focus", load);

  // Pfeiltasten: vom Suchfeld in die Treffer und zwischen den Treffern.
  function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown" && !list.hidden && links().length) { ev.preventDefault(); links()[0].focus(); }
  });
  list.addEventListener("keydown", function (ev) {
    var all = links(), i = all.indexOf(document.activeElement);
    if (i < 0) { return; }
    if (ev.key === "ArrowDown" && i < all.length - 1) { ev.preventDefault(); all[i + 1].focus(); }
    if (ev.key === "ArrowUp") { ev.preventDefault(); (i > 0 ? all[i - 1] : input).focus(); }
  });

  var start = new URLSearchParams(location.search).get("q");
  if (start) { input.value = start; run(start); }
}());
