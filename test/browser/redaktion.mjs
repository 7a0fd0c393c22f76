// Geht die Redaktion der Vorschau (/redaktion/ in `tdsite serve`) in echtem
// Chromium durch, wie eine Redakteurin sie benutzt: Meldung mit Vorschau und
// Bild anlegen, einen Fehler im Formular korrigieren, den Status einer
// Maßnahme melden, einen Messwert eintragen (ohne JavaScript), einen Text
// bearbeiten, an einer gleichzeitigen Änderung scheitern, die Änderungen in
// Git speichern. Nach jedem Speichern muss die Vorschau die Änderung zeigen;
// die geschriebenen Dateien müssen denen von `tdsite new …` gleichen (und
// den Golden-Dateien in internal/redaktion/testdata/). Jede Seite und jeder
// Fehlerzustand wird mit axe (WCAG 2.1 AA), html-validate, bei 320 px und
// per Tastatur geprüft.
//
//   node redaktion.mjs --tdsite BIN --quelle REPO [--bilder DIR]
//
// Exit-Code 0: alles wie erwartet; 1: Befunde; 2: falscher Aufruf oder Umgebung.
import { readFileSync, writeFileSync, rmSync, existsSync, mkdirSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, kopie, starteVorschau } from "./vorschau-start.mjs";
import { AXE_TAGS, axe, breite, htmlValidator, seitenStruktur, tastatur } from "./pruefen.mjs";

const require = createRequire(import.meta.url);
const BSP = "content/strategien/beispiel-kommunen";
const GOLDEN = "internal/redaktion/testdata";
// Ein PNG mit 1 × 1 Pixel.
const FOTO = { name: "foto.png", mimeType: "image/png",
  buffer: Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64") };

const a = { tdsite: "", quelle: "", bilder: "", chromium: process.env.CHROMIUM || "/usr/bin/chromium" };
for (let i = 2; i < process.argv.length; i += 2) {
  const k = process.argv[i].replace(/^--/, "");
  if (!(k in a)) {
    console.error(`Unbekannte Option „${process.argv[i]}“. Aufruf: node redaktion.mjs --tdsite BIN --quelle REPO [--bilder DIR]`);
    process.exit(2);
  }
  a[k] = process.argv[i + 1];
}
if (!a.tdsite || !a.quelle) {
  console.error("Aufruf: node redaktion.mjs --tdsite BIN --quelle REPO [--bilder DIR]");
  process.exit(2);
}

const befunde = [];
const pruefe = (ok, text) => { if (!ok) befunde.push(text); };

// Zwei Kopien der mitgelieferten Website: in die eine schreibt der Browser,
// in die andere die Kommandozeile; danach werden die Dateien verglichen.
const site = kopie(a.quelle, "tdsite-redaktion-");
const cli = kopie(a.quelle, "tdsite-redaktion-cli-");
const git = (...args) => execFileSync("git", ["-C", site, "-c", "user.name=Test", "-c", "user.email=test@example.org", ...args], { encoding: "utf8" });
git("init", "-q");
git("add", "-A");
git("commit", "-qm", "Start");
const lies = (dir, rel) => readFileSync(join(dir, rel), "utf8");

const server = await starteVorschau(a.tdsite, site, "--git");
const { serve, basis } = server;

const browser = await chromium.launch({ executablePath: a.chromium, args: CHROMIUM_ARGS });
const kontext = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: "reduce" });
await kontext.addInitScript({ content: readFileSync(require.resolve("axe-core/axe.min.js"), "utf8") });
const page = await kontext.newPage();
const konsole = [];
page.on("console", (m) => konsole.push(m.text()));
const hv = htmlValidator();
const zustaende = [];

// zustand prüft die Seite, wie sie gerade angezeigt wird: html ist der
// Quelltext der Antwort (nicht das DOM), damit der Validator sieht, was der
// Server schickt.
async function zustand(name, html) {
  zustaende.push(name);
  const r = await hv.validateString(html, name);
  for (const res of r.results) for (const m of res.messages) {
    if (m.severity >= 2) befunde.push(`${name}: html-validate ${m.ruleId}: ${m.message} (Zeile ${m.line})`);
  }
  const e = await axe(page, { runOnly: { type: "tag", values: AXE_TAGS } });
  for (const v of e.violations) befunde.push(`${name}: axe ${v.id}: ${v.help} – ${v.nodes.slice(0, 2).map((n) => n.target.join(" ")).join(" | ")}`);
  for (const f of await seitenStruktur(page)) befunde.push(`${name}: ${f}`);
  const vp = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 720 });
  const b = await breite(page);
  pruefe(b.scroll <= b.client, `${name}: bei 320 px ${b.scroll} px breit (waagerechtes Scrollen).`);
  if (a.bilder) {
    mkdirSync(a.bilder, { recursive: true });
    const datei = name.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
    await page.screenshot({ path: join(a.bilder, `${datei}-320.png`), fullPage: true });
    await page.setViewportSize(vp);
    await page.screenshot({ path: join(a.bilder, `${datei}-1280.png`), fullPage: true });
  }
  await page.setViewportSize(vp);
}

// oeffne lädt eine Seite und prüft sie.
async function oeffne(name, pfad) {
  const resp = await page.goto(basis + pfad);
  pruefe(resp.status() === 200, `${name}: Status ${resp.status()}`);
  await zustand(name, await resp.text());
}

// sende klickt einen Knopf, wartet auf die Antwort und prüft die neue Seite.
const antwortzeiten = [];
async function sende(name, knopf, status) {
  const t0 = Date.now();
  const [resp] = await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: knopf, exact: true }).click()]);
  antwortzeiten.push(Date.now() - t0);
  pruefe(resp.status() === status, `${name}: Status ${resp.status()} statt ${status}`);
  await zustand(name, await resp.text());
  return resp;
}

// gleich vergleicht eine Datei des Browsers mit der der Kommandozeile.
function gleich(was, rel, erwartet) {
  const ist = lies(site, rel);
  pruefe(ist === erwartet, `${was}: ${rel} weicht von der Datei der Kommandozeile ab:\n--- Browser\n${ist}\n--- Kommandozeile\n${erwartet}`);
}

// vorschauZeigt wartet, bis die Seite der Vorschau text enthält; gibt die Zeit zurück.
async function vorschauZeigt(was, pfad, text) {
  const p = await kontext.newPage();
  const t0 = Date.now();
  try {
    for (;;) {
      await p.goto(basis + pfad);
      if ((await p.content()).includes(text)) return Date.now() - t0;
      if (Date.now() - t0 > 10000) {
        befunde.push(`${was}: Die Vorschau zeigt „${text}“ nach 10 s nicht auf ${pfad}.`);
        return -1;
      }
      await p.waitForTimeout(100);
    }
  } finally {
    await p.close();
  }
}

const tdsite = (...args) => execFileSync(a.tdsite, [...args, "--source", cli], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
const zeiten = {};

try {
  // Übersicht, per Tastatur.
  await oeffne("Übersicht", "/redaktion/");
  await oeffne("Übersicht einer Strategie", "/redaktion/?strategie=beispiel-kommunen");
  const tasten = [];
  await tastatur(page, "/redaktion/?strategie=beispiel-kommunen", tasten);
  for (const pfad of ["/redaktion/meldung", "/redaktion/status?strategie=beispiel-kommunen&massnahme=BSP-02"]) {
    await page.goto(basis + pfad);
    await tastatur(page, pfad, tasten);
  }
  for (const t of tasten) befunde.push(`Tastatur ${t.pfad}: ${t.text}`);

  // 1. Neue Meldung: Vorschau, Fehler, Korrektur, Speichern mit Bild.
  await oeffne("Meldung: Formular", "/redaktion/meldung?strategie=beispiel-kommunen");
  const text = "Der Steuerkreis hat das Leitbild beschlossen.\n\n## Wie es weitergeht\n\n- Ist-Analyse";
  await page.getByLabel("Text der Meldung").fill(text);
  await sende("Meldung: Vorschau", "Vorschau", 200);
  pruefe(await page.locator(".vorschau h4, .vorschau h3").count() > 0 || (await page.locator(".vorschau").innerText()).includes("Wie es weitergeht"),
    "Meldung: Die Vorschau zeigt den Text nicht.");
  await page.getByLabel("Datum der Veröffentlichung").fill("31.02.2026");
  await sende("Meldung: Fehler (Titel fehlt, Datum falsch)", "Meldung speichern", 422);
  const summary = page.locator(".fehlerliste");
  pruefe(await summary.isVisible(), "Meldung: keine Fehlerübersicht oben.");
  pruefe((await page.getByLabel("Text der Meldung").inputValue()) === text, "Meldung: Der eingegebene Text ist nach dem Fehler weg.");
  await summary.getByRole("link").first().click();
  pruefe(await page.evaluate(() => document.activeElement && document.activeElement.id) === "feld-titel",
    "Meldung: Der Link in der Fehlerübersicht setzt den Fokus nicht in das Feld Titel.");
  await page.getByLabel("Titel", { exact: true }).fill("Steuerkreis beschließt Leitbild");
  await page.getByLabel("Datum der Veröffentlichung").fill("20.11.2026");
  await page.getByLabel("Zusammenfassung (freiwillig)").fill("Das Leitbild 2035 steht.");
  await page.getByLabel("Bilddatei").setInputFiles(FOTO);
  await sende("Meldung: Fehler (Alternativtext fehlt)", "Meldung speichern", 422);
  pruefe((await page.locator("#feld-bild_alt-fehler").count()) === 1, "Meldung: kein Fehler am Alternativtext.");
  await page.getByLabel("Bilddatei").setInputFiles(FOTO); // Browser füllen Dateifelder nicht vor
  await page.getByLabel("Alternativtext").fill("Das Logo von #thüringendigital");
  await sende("Meldung: gespeichert", "Meldung speichern", 200);
  const meldung = `${BSP}/meldungen/2026-11-20-steuerkreis-beschliesst-leitbild.md`;
  tdsite("new", "meldung", "Steuerkreis beschließt Leitbild", "--strategie", "beispiel-kommunen", "--datum", "20.11.2026",
    "--zusammenfassung", "Das Leitbild 2035 steht.");
  const bild = existsSync(join(site, "static/bilder/beispiel-kommunen/2026-11-20-steuerkreis-beschliesst-leitbild.png"))
    ? "![Das Logo von #thüringendigital](/bilder/beispiel-kommunen/2026-11-20-steuerkreis-beschliesst-leitbild.png)\n\n" : "";
  pruefe(bild !== "", "Meldung: Das Bild wurde nicht gespeichert.");
  gleich("Meldung", meldung, lies(cli, meldung) + bild + text + "\n");
  const golden = lies(a.quelle, `${GOLDEN}/meldung.md`).replace(/am \d\d\.\d\d\.\d{4}\./, "am HEUTE.");
  pruefe(lies(site, meldung).replace(/am \d\d\.\d\d\.\d{4}\./, "am HEUTE.").replace(bild, "") === golden, "Meldung: weicht von testdata/meldung.md ab.");
  zeiten.meldung = await vorschauZeigt("Meldung", "/strategien/beispiel-kommunen/meldungen/2026-11-20-steuerkreis-beschliesst-leitbild/", "Wie es weitergeht");

  // 2. Status melden: über „Diese Seite bearbeiten“; eine offene Seite der
  // Vorschau lädt nach dem Speichern von selbst neu.
  const vorschau = await kontext.newPage();
  const verbunden = vorschau.waitForRequest((r) => r.url().includes("/__tdsite/ereignisse"), { timeout: 15000 });
  await vorschau.goto(basis + "/massnahmen/bsp-02/");
  await verbunden;
  await page.goto(basis + "/massnahmen/bsp-02/");
  await Promise.all([page.waitForNavigation(), page.getByRole("link", { name: "Diese Seite bearbeiten" }).click()]);
  pruefe(page.url().includes("/redaktion/status?strategie=beispiel-kommunen&massnahme=BSP-02"), `Status: „Diese Seite bearbeiten“ führt nach ${page.url()}.`);
  await oeffne("Status: Formular", "/redaktion/status?strategie=beispiel-kommunen&massnahme=BSP-02");
  await page.getByLabel("Datum des Status").fill("20.11.2026");
  await page.getByLabel("Abgeleitet: aus der Quelle geschlossen", { exact: false }).check();
  await sende("Status: Fehler (Quelle und Grund fehlen)", "Status speichern", 422);
  await page.getByLabel("Laufend").check();
  await page.getByLabel("Quelle", { exact: true }).fill("Monitoringbericht zum 20.11.2026");
  await page.getByLabel("belegt: die Quelle nennt den Status").check();
  await page.getByLabel("Notiz (freiwillig)").fill("50 Kommunen beraten");
  await page.locator("#feld-ms4-erreicht").check();
  const neu = vorschau.waitForEvent("load", { timeout: 15000 }).then(() => Date.now());
  const t0 = Date.now();
  await sende("Status: gespeichert", "Status speichern", 200);
  await neu.then((t1) => { zeiten.status = t1 - t0; }).catch(() => befunde.push("Status: Die offene Seite der Vorschau hat nicht neu geladen."));
  pruefe((await vorschau.content()).includes("Monitoringbericht zum 20.11.2026"), "Status: Die Vorschau zeigt den neuen Status nicht.");
  await vorschau.close();
  pruefe(lies(site, `${BSP}/massnahmen/BSP-02.md`) === lies(a.quelle, `${GOLDEN}/status-BSP-02.md`), "Status: BSP-02.md weicht von testdata/status-BSP-02.md ab.");

  // 3. Messwert eintragen, ohne JavaScript.
  const ohneJS = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 720 } });
  const p3 = await ohneJS.newPage();
  await p3.goto(basis + "/redaktion/");
  await p3.getByRole("link", { name: "Digitalstrategie für die Thüringer Kommunen (Beispiel)" }).click();
  await p3.getByRole("link", { name: "Messwert eintragen für E1.2" }).click();
  await p3.getByLabel("Datum der Messung").fill("20.11.2026");
  await p3.getByLabel("Messwert", { exact: false }).fill("viele");
  await Promise.all([p3.waitForNavigation(), p3.getByRole("button", { name: "Messwert speichern" }).click()]);
  pruefe((await p3.locator(".fehlerliste a[href='#feld-wert']").count()) === 1, "Messwert ohne JavaScript: kein Fehler am Wert für „viele“.");
  await p3.getByLabel("Messwert", { exact: false }).fill("41");
  await p3.getByLabel("Quelle des Werts").fill("Bericht der DAT");
  await Promise.all([p3.waitForNavigation(), p3.getByRole("button", { name: "Messwert speichern" }).click()]);
  pruefe((await p3.locator(".erfolg").count()) === 1, "Messwert ohne JavaScript: nicht gespeichert.");
  zeiten.messwert = await vorschauZeigt("Messwert", "/strategien/beispiel-kommunen/", "41 Kommunen <span class=\"klein\">(20.11.2026)");
  await ohneJS.close();
  tdsite("new", "messwert", "E1.2", "41", "--strategie", "beispiel-kommunen", "--datum", "20.11.2026", "--kommentar", "Bericht der DAT");
  gleich("Messwert", `${BSP}/messwerte.toml`, lies(cli, `${BSP}/messwerte.toml`));
  await oeffne("Messwert: Formular", "/redaktion/messwert?strategie=beispiel-kommunen&ziel=E1.2");
  await page.getByLabel("Messwert", { exact: false }).fill("1e400");
  await sende("Messwert: Fehler (unplausibel)", "Messwert speichern", 422);

  // 4. Text bearbeiten, mit Vorschau.
  await oeffne("Text: Formular", "/redaktion/text?strategie=beispiel-kommunen&massnahme=BSP-01");
  const bsp01 = lies(site, `${BSP}/massnahmen/BSP-01.md`);
  await page.getByLabel("Text", { exact: true }).fill("Neuer Text der Maßnahme, **geprüft** im Browser.");
  await sende("Text: Vorschau", "Vorschau", 200);
  pruefe((await page.locator(".vorschau strong").innerText().catch(() => "")) === "geprüft", "Text: Die Vorschau zeigt das Markdown nicht.");
  await sende("Text: gespeichert", "Text speichern", 200);
  const kopf = bsp01.slice(0, bsp01.indexOf("\n+++\n", 4) + 5);
  gleich("Text", `${BSP}/massnahmen/BSP-01.md`, kopf + "Neuer Text der Maßnahme, **geprüft** im Browser.\n");
  zeiten.text = await vorschauZeigt("Text", "/massnahmen/bsp-01/", "im Browser");

  // 5. Gleichzeitig geändert: jemand speichert die Datei im Editor, während das Formular offen ist.
  await oeffne("Konflikt: Formular", "/redaktion/text?strategie=beispiel-kommunen");
  const strat = `${BSP}/strategie.md`;
  const hand = lies(site, strat) + "\nVon Hand im Editor ergänzt.\n";
  writeFileSync(join(site, strat), hand);
  await page.getByLabel("Text", { exact: true }).fill("Mein Text aus dem Browser.");
  await sende("Konflikt: abgelehnt", "Text speichern", 422);
  pruefe((await page.locator(".fehlerliste").innerText()).includes("seit Sie das Formular geöffnet haben"), "Konflikt: keine verständliche Meldung.");
  pruefe((await page.locator("pre").innerText()).includes("Von Hand im Editor ergänzt."), "Konflikt: Der aktuelle Inhalt wird nicht gezeigt.");
  pruefe((await page.getByLabel("Text", { exact: true }).inputValue()) === "Mein Text aus dem Browser.", "Konflikt: Der eingegebene Text ist weg.");
  pruefe(lies(site, strat) === hand, "Konflikt: Die Änderung im Editor wurde überschrieben.");

  // 6. Änderungen ansehen und in Git speichern.
  await oeffne("Änderungen", "/redaktion/aenderungen");
  pruefe((await page.locator("main").innerText()).includes("BSP-02.md"), "Änderungen: BSP-02.md fehlt in der Liste.");
  await sende("Änderungen: Fehler (Angaben fehlen)", "Änderungen in Git speichern", 422);
  await page.getByLabel("Beschreibung der Änderungen").fill("Meldung, Status BSP-02, Messwert E1.2");
  await page.getByLabel("Ihr Name").fill("Erika Muster");
  await sende("Änderungen: gespeichert", "Änderungen in Git speichern", 200);
  const log = git("log", "-1", "--format=%an|%s");
  pruefe(log.trim() === "Erika Muster|Meldung, Status BSP-02, Messwert E1.2", `Änderungen: Commit „${log.trim()}“.`);
  await oeffne("Fehlerseite", "/redaktion/status?strategie=beispiel-kommunen&massnahme=GIBT-ES-NICHT").catch(() => {});

  for (const l of konsole) {
    if (l.includes("Content Security Policy")) befunde.push(`CSP blockiert etwas in der Redaktion: ${l}`);
  }
} finally {
  await browser.close();
  serve.kill("SIGTERM");
  rmSync(site, { recursive: true, force: true });
  rmSync(cli, { recursive: true, force: true });
}

// The error page answers 404 by design; oeffne reported that as a finding.
const echt = befunde.filter((b) => !b.startsWith("Fehlerseite: Status 404"));
if (echt.length) {
  console.log(`Redaktion in Chromium: ${echt.length} Befunde:`);
  for (const b of echt) console.log("  " + b);
  console.log("Terminal der Vorschau:\n" + server.terminal);
  process.exit(1);
}
console.log(`Redaktion in Chromium: ${zustaende.length} Seiten und Zustände ohne Befund (axe, html-validate, 320 px), Tastatur, ohne JavaScript, ` +
  `Dateien wie tdsite new und Golden-Dateien; Vorschau aktuell nach ms: ${JSON.stringify(zeiten)}; ` +
  `Antwort auf Formulare in ms: höchstens ${Math.max(...antwortzeiten)}, Median ${antwortzeiten.sort((x, y) => x - y)[antwortzeiten.length >> 1]}.`);
