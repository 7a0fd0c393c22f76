// Prüft eine erzeugte Website in echtem Chromium: axe-core (WCAG 2.1 A/AA
// und Best Practices) hell und dunkel, HTML-Validierung, Überschriften,
// Sprache, Landmarken, Linktexte und Umbruch bei 320 px für JEDE Seite;
// Tastaturbedienung, 200 % Textgröße und Druckansicht für die Seiten aus
// seiten.txt.
//
//   node pruefen.mjs --site DIR [--seiten seiten.txt] [--bilder DIR]
//
// Exit-Code 0: keine Befunde; 1: Befunde; 2: falscher Aufruf oder Umgebung.
import { readFileSync, readdirSync, statSync, mkdirSync, existsSync } from "node:fs";
import { createServer } from "node:http";
import { join, relative, extname, dirname, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { chromium } from "playwright-core";
import { HtmlValidate } from "html-validate";

const hier = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];
// Linktexte, die ohne Umgebung nichts sagen (WCAG 2.4.4).
const NICHTSSAGEND = new Set(["hier", "hier klicken", "klicken sie hier", "mehr", "mehr erfahren", "weiter",
  "weiterlesen", "link", "details", "click here", "here", "more", "read more"]);
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run"];

function argumente(argv) {
  const a = { site: "", seiten: join(hier, "seiten.txt"), bilder: "", nur: "", chromium: process.env.TDSITE_CHROMIUM || "/usr/bin/chromium" };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = argv[i + 1];
    if (k === "--site") a.site = v, i++;
    else if (k === "--seiten") a.seiten = v, i++;
    else if (k === "--bilder") a.bilder = v, i++;
    else if (k === "--chromium") a.chromium = v, i++;
    else if (k === "--nur") a.nur = v, i++;
    else fehlerUndEnde(`Unbekannte Option „${k}“. Aufruf: node pruefen.mjs --site DIR [--seiten DATEI] [--bilder DIR]`);
  }
  if (!a.site) fehlerUndEnde("Bitte mit --site den Ordner der erzeugten Website angeben (z. B. --site /tmp/site).");
  if (!existsSync(join(a.site, "index.html"))) fehlerUndEnde(`In „${a.site}“ liegt keine index.html. Bauen Sie die Website zuerst (tdsite build --dest …).`);
  if (!existsSync(a.chromium)) fehlerUndEnde(`Chromium fehlt unter ${a.chromium}. Installieren: apt-get install -y chromium`);
  return a;
}

function fehlerUndEnde(text) {
  console.error("pruefen.mjs: " + text);
  process.exit(2);
}

// htmlDateien lists every HTML file with its site path ("/x/" for x/index.html).
function htmlDateien(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(".html")) {
        let pfad = "/" + relative(dir, p).split(sep).join("/");
        if (pfad.endsWith("/index.html")) pfad = pfad.slice(0, -"index.html".length);
        out.push({ datei: p, pfad });
      }
    }
  };
  walk(dir);
  return out;
}

// seitenListe reads seiten.txt: one site path per line, "*" stands for one
// path segment; text after the path is a description. Every line must match
// at least one page, so the list cannot silently go stale.
function seitenListe(datei, alle, befunde) {
  const zeilen = readFileSync(datei, "utf8").split("\n");
  const gewaehlt = new Map();
  zeilen.forEach((zeile, i) => {
    const t = zeile.replace(/#.*/, "").trim();
    if (!t) return;
    const [muster] = t.split(/\s+/);
    const re = new RegExp("^" + muster.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join("[^/]+") + "$");
    const treffer = alle.filter((s) => re.test(s.pfad));
    if (treffer.length === 0) {
      befunde.push({ pfad: muster, art: "seitenliste", text: `${relative(process.cwd(), datei)}:${i + 1}: Zu „${muster}“ gibt es keine Seite. Tragen Sie eine vorhandene Adresse ein oder entfernen Sie die Zeile.` });
    }
    for (const s of treffer) gewaehlt.set(s.pfad, s);
  });
  return [...gewaehlt.values()];
}

const TYPEN = { ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml",
  ".xml": "application/xml", ".txt": "text/plain; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".json": "application/json", ".csv": "text/csv; charset=utf-8", ".png": "image/png", ".jpg": "image/jpeg",
  ".webp": "image/webp", ".vtt": "text/vtt; charset=utf-8", ".mp4": "video/mp4", ".webm": "video/webm", ".pdf": "application/pdf" };

// server serves the built site on a loopback port, like a plain web server.
function server(root) {
  const base = resolve(root);
  const srv = createServer((req, res) => {
    let p = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let f = resolve(join(base, p));
    if (!f.startsWith(base)) { res.writeHead(403).end(); return; }
    if (existsSync(f) && statSync(f).isDirectory()) f = join(f, "index.html");
    if (!existsSync(f)) {
      res.writeHead(404, { "content-type": TYPEN[".html"] });
      res.end(existsSync(join(base, "404.html")) ? readFileSync(join(base, "404.html")) : "404");
      return;
    }
    res.writeHead(200, { "content-type": TYPEN[extname(f)] || "application/octet-stream" });
    res.end(readFileSync(f));
  });
  return new Promise((ok) => srv.listen(0, "127.0.0.1", () => ok(srv)));
}

// htmlValidator is the HTML check of every page, also used by redaktion.mjs.
export function htmlValidator() {
  return new HtmlValidate({
    extends: ["html-validate:standard", "html-validate:document", "html-validate:a11y"],
    rules: {
      // tdsite schreibt lange Seiten ohne Zeilenumbrüche (minifiziert).
      "long-title": "off",
      // Integrität nur für fremde Quellen; tdsite lädt nichts von fremden Servern.
      "require-sri": ["error", { target: "crossorigin" }],
      // Scrollende Tabellen und Karten sind <div role="region"> mit Namen: Ihre
      // Überschrift steht außerhalb, und ein <section> ohne eigene Überschrift
      // bemängelt der Nu HTML Checker („Section lacks heading“).
      "prefer-native-element": ["error", { exclude: ["region"] }],
    },
  });
}

async function htmlPruefen(dateien, befunde) {
  const hv = htmlValidator();
  let fehler = 0;
  for (const d of dateien) {
    const r = await hv.validateString(readFileSync(d.datei, "utf8"), d.datei);
    for (const res of r.results) {
      for (const m of res.messages) {
        if (m.severity < 2) continue;
        fehler++;
        befunde.push({ pfad: d.pfad, art: "html", text: `${m.ruleId}: ${m.message} (Zeile ${m.line}, Spalte ${m.column}: ${(m.selector || "").slice(0, 120)})` });
      }
    }
  }
  return fehler;
}

export async function axe(page, optionen) {
  return page.evaluate((o) => window.axe.run(document, o), optionen);
}

function axeBefunde(pfad, modus, ergebnis, befunde) {
  let n = 0;
  for (const v of ergebnis.violations) {
    n += v.nodes.length;
    const ziele = v.nodes.slice(0, 3).map((x) => x.target.join(" ")).join(" | ");
    befunde.push({ pfad, art: "axe" + modus, text: `${v.id} (${v.impact}, ${v.nodes.length}×): ${v.help} – ${ziele} – ${v.helpUrl}` });
  }
  return n;
}

// seitenStruktur checks what axe leaves to judgement: one h1, no skipped
// levels, lang, landmarks, foreign-language marks, link texts.
export async function seitenStruktur(page) {
  return page.evaluate((nichtssagend) => {
    const fehler = [];
    const lang = document.documentElement.getAttribute("lang");
    if (lang !== "de") fehler.push(`<html lang="${lang}"> statt lang="de"`);
    const hs = [...document.querySelectorAll("h1,h2,h3,h4,h5,h6")];
    const h1 = hs.filter((h) => h.tagName === "H1");
    if (h1.length !== 1) fehler.push(`${h1.length} h1-Überschriften statt genau einer`);
    let vorher = 0;
    for (const h of hs) {
      const n = Number(h.tagName[1]);
      if (vorher === 0 && n !== 1) fehler.push(`erste Überschrift ist ${h.tagName} statt H1: „${h.textContent.trim().slice(0, 60)}“`);
      if (vorher && n > vorher + 1) fehler.push(`Überschriftenebene übersprungen: H${vorher} → ${h.tagName} „${h.textContent.trim().slice(0, 60)}“`);
      vorher = n;
    }
    const rollen = { header: "body > header", nav: "nav", main: "main", footer: "body > footer" };
    for (const [name, sel] of Object.entries(rollen)) {
      if (!document.querySelector(sel)) fehler.push(`Landmarke <${name}> fehlt`);
    }
    if (document.querySelectorAll("main").length !== 1) fehler.push("nicht genau ein <main>");
    for (const el of document.querySelectorAll("[lang]")) {
      if (!/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(el.getAttribute("lang"))) fehler.push(`ungültiges lang="${el.getAttribute("lang")}"`);
    }
    for (const a of document.querySelectorAll("a[href]")) {
      const text = (a.getAttribute("aria-label") || a.textContent).replace(/\s+/g, " ").trim().toLowerCase();
      if (!text) fehler.push(`Link ohne Text: ${a.getAttribute("href")}`);
      else if (nichtssagend.includes(text)) fehler.push(`nichtssagender Linktext „${text}“ → ${a.getAttribute("href")}`);
    }
    return fehler;
  }, [...NICHTSSAGEND]);
}

export async function breite(page) {
  return page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
}

// abgeschnitten finds elements that hide overflowing content: clipped text
// is lost text. Scroll containers are fine (they are focusable regions).
// beschriftungen measures the first label of every visible map and chart
// (its rendered height in px), so the 200 % test can see whether drawings
// grow with the text like the rest of the page.
async function beschriftungen(page) {
  return page.evaluate(() => {
    const out = {};
    document.querySelectorAll("svg.sk-svg, svg.diagramm").forEach((svg, i) => {
      const t = svg.querySelector("text");
      const h = t ? t.getBoundingClientRect().height : 0;
      if (h > 0) out[`svg#${svg.id || i}`] = Math.round(h * 10) / 10;
    });
    return out;
  });
}

async function abgeschnitten(page) {
  return page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll("body *")) {
      if (el.closest(".visually-hidden, svg, [hidden]")) continue;
      const cs = getComputedStyle(el);
      const versteckt = (v) => v === "hidden" || v === "clip";
      if (!versteckt(cs.overflowX) && !versteckt(cs.overflowY)) continue;
      if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) {
        out.push(`${el.tagName.toLowerCase()}${el.className ? "." + String(el.className).split(" ").join(".") : ""}`);
      }
    }
    return out;
  });
}

// fokusZustand describes the focused element and whether its focus is
// visible: outline (at least 2 px) or box-shadow, and different from the
// element's look without focus (recorded in data-tdsite-ruhe), so that a
// permanent outline does not count as a focus indicator.
async function fokusZustand(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const cs = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    const outline = cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) >= 2;
    const schatten = cs.boxShadow && cs.boxShadow !== "none";
    const jetzt = `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor} | ${cs.boxShadow}`;
    const anders = el.dataset.tdsiteRuhe === undefined || el.dataset.tdsiteRuhe !== jetzt;
    return {
      id: el.dataset.tdsiteId || "",
      beschreibung: `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""} „${(el.textContent || "").replace(/\s+/g, " ").trim().slice(0, 50)}“`,
      sichtbar: (outline || schatten) && anders,
      imBild: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth,
      skip: el.classList.contains("skip-link"),
      mainId: el.tagName === "MAIN" ? el.id : "",
    };
  });
}

// tastatur walks the page with Tab: the skip link comes first and moves focus
// to main; every visible link and control is reached with visible focus.
export async function tastatur(page, pfad, befunde) {
  const f = (t) => befunde.push({ pfad, art: "tastatur", text: t });
  await page.keyboard.press("Tab");
  const erster = await fokusZustand(page);
  if (!erster || !erster.skip) {
    f(`Erster Tabstopp ist nicht der Link „Zum Inhalt springen“, sondern ${erster ? erster.beschreibung : "nichts"}.`);
  } else {
    if (!erster.sichtbar || !erster.imBild) f("Der Link „Zum Inhalt springen“ ist bei Fokus nicht sichtbar.");
    await page.keyboard.press("Enter");
    const ziel = await fokusZustand(page);
    if (!ziel || ziel.mainId !== "inhalt") f(`„Zum Inhalt springen“ setzt den Fokus nicht auf <main id="inhalt">, sondern auf ${ziel ? ziel.beschreibung : "nichts"}.`);
    // The next Tab goes to the first link after the start of main (in main,
    // or in the footer when main has no links), not back to the header.
    await page.keyboard.press("Tab");
    const nachSprung = await page.evaluate(() => {
      const main = document.querySelector("main");
      const el = document.activeElement;
      return el !== document.body && !!(main.compareDocumentPosition(el) & (Node.DOCUMENT_POSITION_CONTAINED_BY | Node.DOCUMENT_POSITION_FOLLOWING));
    });
    if (!nachSprung) f("Nach dem Sprung zum Inhalt führt Tab nicht weiter in den Hauptinhalt, sondern zurück nach oben.");
  }

  // Now the whole order from the top: every visible link and control.
  await page.goto(page.url().replace(/#.*$/, ""));
  const erwartet = await page.evaluate(() => {
    const sel = "a[href], button, input, select, textarea, summary, video[controls], [tabindex]:not([tabindex='-1'])";
    return [...document.querySelectorAll(sel)].filter((el) => {
      if (el.closest("[inert], [hidden]") || el.disabled) return false;
      if (el.closest("details:not([open])") && el.tagName !== "SUMMARY") return false;
      // A radio group is one tab stop (the checked button, else the first);
      // the arrow keys move within it.
      if (el.type === "radio" && el.name) {
        const gruppe = [...(el.form || document).querySelectorAll(`input[type=radio][name="${CSS.escape(el.name)}"]`)];
        if (el !== (gruppe.find((r) => r.checked) || gruppe[0])) return false;
      }
      const cs = getComputedStyle(el);
      return cs.visibility !== "hidden" && cs.display !== "none" && el.getClientRects().length > 0;
    }).map((el, i) => {
      const cs = getComputedStyle(el);
      el.dataset.tdsiteId = String(i + 1);
      el.dataset.tdsiteRuhe = `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor} | ${cs.boxShadow}`;
      return { id: el.dataset.tdsiteId, text: `${el.tagName.toLowerCase()} „${(el.textContent || el.getAttribute("aria-label") || "").replace(/\s+/g, " ").trim().slice(0, 50)}“` };
    });
  });
  const gesehen = new Set();
  let ohneFokus = 0;
  for (let i = 0; i < erwartet.length + 5; i++) {
    await page.keyboard.press("Tab");
    const z = await fokusZustand(page);
    if (!z || (z.id && gesehen.has(z.id))) break;
    gesehen.add(z.id);
    if (!z.sichtbar || !z.imBild) {
      ohneFokus++;
      if (ohneFokus <= 5) f(`Fokus nicht sichtbar bei ${z.beschreibung}${z.imBild ? "" : " (außerhalb des sichtbaren Bereichs)"}.`);
    }
  }
  const fehlend = erwartet.filter((e) => !gesehen.has(e.id));
  if (fehlend.length) f(`Mit Tab nicht erreichbar: ${fehlend.length} von ${erwartet.length}, z. B. ${fehlend.slice(0, 3).map((e) => e.text).join(", ")}.`);
  return gesehen.size;
}

async function alleSeitenPruefen(ph, basis, s, zaehler, befunde) {
  zaehler.seiten++;
  const url = basis + s.pfad;
  const antwort = await ph.goto(url);
  if (!antwort || (antwort.status() !== 200 && s.pfad !== "/404.html")) befunde.push({ pfad: s.pfad, art: "http", text: `HTTP-Status ${antwort && antwort.status()}` });
  zaehler.axeHell += axeBefunde(s.pfad, "", await axe(ph, { runOnly: { type: "tag", values: AXE_TAGS } }), befunde);
  for (const t of await seitenStruktur(ph)) { zaehler.struktur++; befunde.push({ pfad: s.pfad, art: "struktur", text: t }); }
  await ph.setViewportSize({ width: 320, height: 720 });
  const b = await breite(ph);
  if (b.scroll > b.client) { zaehler.umbruch++; befunde.push({ pfad: s.pfad, art: "320px", text: `Die Seite ist bei 320 px ${b.scroll} px breit: waagerechtes Scrollen nötig.` }); }
  await ph.setViewportSize({ width: 1280, height: 900 });
  await ph.emulateMedia({ colorScheme: "dark" });
  zaehler.axeDunkel += axeBefunde(s.pfad, "-dunkel", await axe(ph, { runOnly: { type: "rule", values: ["color-contrast", "link-in-text-block"] } }), befunde);
  await ph.emulateMedia({ colorScheme: "light" });
}

async function main() {
  const start = Date.now();
  const a = argumente(process.argv.slice(2));
  const befunde = [];
  // --nur TEXT beschränkt die Prüfung beim Entwickeln auf passende Adressen.
  const alle = htmlDateien(a.site).filter((s) => !a.nur || s.pfad.includes(a.nur));
  const genau = seitenListe(a.seiten, htmlDateien(a.site), befunde).filter((s) => !a.nur || s.pfad.includes(a.nur));

  const tHtml = Date.now();
  const htmlFehler = await htmlPruefen(alle, befunde);
  const dauerHtml = Date.now() - tHtml;

  const srv = await server(a.site);
  const basis = `http://127.0.0.1:${srv.address().port}`;
  const browser = await chromium.launch({ executablePath: a.chromium, args: CHROMIUM_ARGS });
  browserVersion = browser.version();
  const axeQuelle = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  const kontext = async (opts = {}) => {
    const c = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: "reduce", ...opts });
    await c.addInitScript({ content: axeQuelle });
    // Keine Schriften, Skripte oder Zähler von fremden Servern.
    c.on("request", (r) => {
      const u = r.url();
      if (!u.startsWith(basis + "/") && !u.startsWith("data:") && !u.startsWith("about:")) {
        let von = "?";
        try { von = new URL(r.frame().url()).pathname; } catch { /* frame already gone */ }
        befunde.push({ pfad: von, art: "extern", text: `Anfrage an fremden Server: ${u}` });
      }
    });
    return c;
  };
  const zaehler = { seiten: 0, axeHell: 0, axeDunkel: 0, struktur: 0, umbruch: 0, tastaturSeiten: 0, tabstopps: 0, zoom: 0, druck: 0 };
  try {
    // Jede Seite: hell (alle axe-Regeln, Struktur, 320 px) und dunkel (Kontrast).
    // Zwei Arbeiter teilen sich die Seiten; mehr bringt auf 2 Kernen nichts.
    const k = await kontext({ colorScheme: "light" });
    const warteschlange = [...alle];
    const arbeiter = async () => {
      const p = await k.newPage();
      for (let s = warteschlange.shift(); s; s = warteschlange.shift()) await alleSeitenPruefen(p, basis, s, zaehler, befunde);
    };
    const tAlle = Date.now();
    await Promise.all(Array.from({ length: Math.min(2, availableParallelism()) }, arbeiter));
    zaehler.dauerAlle = Date.now() - tAlle;
    await k.close();

    const tGenau = Date.now();
    for (const s of genau) {
      const c = await kontext();
      const p = await c.newPage();
      await p.goto(basis + s.pfad);
      zaehler.tastaturSeiten++;
      zaehler.tabstopps += await tastatur(p, s.pfad, befunde);
      // 200 % text size (WCAG 1.4.4): nothing clipped, no sideways scrolling.
      await p.reload();
      const beschriftung100 = await beschriftungen(p);
      await p.evaluate(() => { document.documentElement.style.fontSize = "200%"; });
      const b = await breite(p);
      for (const [name, h] of Object.entries(await beschriftungen(p))) {
        const vorher = beschriftung100[name];
        if (vorher && h < vorher * 1.5) { zaehler.zoom++; befunde.push({ pfad: s.pfad, art: "200%", text: `Beschriftung wächst nicht mit der Textgröße: ${name} (${vorher} px → ${h} px)` }); }
      }
      if (b.scroll > b.client) { zaehler.zoom++; befunde.push({ pfad: s.pfad, art: "200%", text: `Bei 200 % Textgröße ist die Seite ${b.scroll} px breit (Fenster ${b.client} px).` }); }
      for (const el of await abgeschnitten(p)) { zaehler.zoom++; befunde.push({ pfad: s.pfad, art: "200%", text: `Inhalt abgeschnitten bei 200 % Textgröße: ${el}` }); }
      // Print: navigation hidden, nothing wider than the paper.
      await p.evaluate(() => { document.documentElement.style.fontSize = ""; });
      await p.emulateMedia({ media: "print" });
      const druck = await p.evaluate(() => ({
        nav: [...document.querySelectorAll(".main-nav, .skip-link, .inhalt-nav")].filter((e) => getComputedStyle(e).display !== "none").length,
      }));
      if (druck.nav) { zaehler.druck++; befunde.push({ pfad: s.pfad, art: "druck", text: "Navigation erscheint im Druck." }); }
      if (a.bilder) await bilder(c, p, basis, s, a.bilder);
      await c.close();
    }
    zaehler.dauerGenau = Date.now() - tGenau;
  } finally {
    await browser.close();
    srv.close();
  }

  const dauer = ((Date.now() - start) / 1000).toFixed(1);
  const gruppen = new Map();
  for (const b of befunde) {
    if (!gruppen.has(b.pfad)) gruppen.set(b.pfad, []);
    gruppen.get(b.pfad).push(b);
  }
  for (const [pfad, liste] of gruppen) {
    for (const b of liste) console.log(`${pfad}  [${b.art}] ${b.text}`);
  }
  console.log(`\nBrowserprüfung: ${zaehler.seiten} Seiten geprüft (axe-core ${require("axe-core/package.json").version}, Chromium ${browserVersion}).`);
  console.log(`  axe-Verstöße (WCAG 2.1 A/AA + Best Practice, hell): ${zaehler.axeHell}`);
  console.log(`  axe-Verstöße Kontrast im dunklen Farbschema:        ${zaehler.axeDunkel}`);
  console.log(`  HTML-Fehler (html-validate, ${alle.length} Dateien, ${(dauerHtml / 1000).toFixed(1)} s): ${htmlFehler}`);
  console.log(`  Struktur (h1, Ebenen, lang, Landmarken, Linktexte): ${zaehler.struktur}`);
  console.log(`  Waagerechtes Scrollen bei 320 px:                   ${zaehler.umbruch}`);
  console.log(`  Tastatur, 200 % Text, Druck auf ${zaehler.tastaturSeiten} Seiten (${zaehler.tabstopps} Tabstopps): ${befunde.filter((b) => ["tastatur", "200%", "druck"].includes(b.art)).length} Befunde`);
  console.log(`  Dauer: ${dauer} s (HTML ${(dauerHtml / 1000).toFixed(1)} s, alle Seiten im Browser ${(zaehler.dauerAlle / 1000).toFixed(1)} s, Tastatur/Text/Druck ${(zaehler.dauerGenau / 1000).toFixed(1)} s)`);
  if (befunde.length) {
    console.log(`\nFEHLGESCHLAGEN: ${befunde.length} Befunde.`);
    process.exit(1);
  }
  console.log("\nOK: keine Befunde.");
}

let browserVersion = "";

async function bilder(c, p, basis, s, dir) {
  mkdirSync(dir, { recursive: true });
  const name = s.pfad === "/" ? "start" : s.pfad.replace(/^\/|\/$/g, "").replace(/[/.]/g, "_");
  await p.emulateMedia({ media: "screen" });
  for (const [breite, hoehe] of [[320, 720], [1280, 900]]) {
    for (const schema of ["light", "dark"]) {
      await p.setViewportSize({ width: breite, height: hoehe });
      await p.emulateMedia({ colorScheme: schema, media: "screen" });
      await p.goto(basis + s.pfad);
      await p.screenshot({ path: join(dir, `${name}-${breite}-${schema === "light" ? "hell" : "dunkel"}.png`), fullPage: true });
    }
  }
  await p.emulateMedia({ media: "print", colorScheme: "light" });
  await p.pdf({ path: join(dir, `${name}.pdf`), format: "A4", printBackground: false });
}

// Only as a program: redaktion.mjs imports the checks above.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e) => {
    console.error("pruefen.mjs: " + (e && e.stack || e));
    process.exit(2);
  });
}
