// Prüft die Vorschau (`tdsite serve`) in echtem Chromium, so wie eine
// Redakteurin sie benutzt: Seite öffnen, nach unten scrollen, Datei im
// Editor speichern. Erwartet wird, dass die Seite von selbst neu lädt und
// an derselben Stelle bleibt, dass eine CSS-Änderung ohne Neuladen wirkt,
// dass ein Fehler als Hinweis mit Datei und Zeile erscheint (barrierefrei,
// mit Esc auszublenden), die Seite bis zur Korrektur den letzten
// fehlerfreien Stand zeigt, und dass Vorlagenänderungen ankommen. Die
// Content-Security-Policy der Seiten darf dabei nichts blockieren.
//
//   node vorschau.mjs --tdsite BIN --quelle REPO
//
// Exit-Code 0: alles wie erwartet; 1: Befunde; 2: falscher Aufruf oder Umgebung.
import { readFileSync, writeFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, kopie, starteVorschau } from "./vorschau-start.mjs";

const require = createRequire(import.meta.url);
const MASSNAHME = "content/strategien/beispiel-kommunen/massnahmen/BSP-01.md";
const SEITE = "/massnahmen/bsp-01/";
const CSS = "themes/thueringendigital/static/css/thueringendigital.css";
const VORLAGE = "layouts/massnahme.html";

const a = { tdsite: "", quelle: "", chromium: process.env.TDSITE_CHROMIUM || "/usr/bin/chromium" };
for (let i = 2; i < process.argv.length; i += 2) {
  const k = process.argv[i].replace(/^--/, "");
  if (!(k in a)) {
    console.error(`Unbekannte Option „${process.argv[i]}“. Aufruf: node vorschau.mjs --tdsite BIN --quelle REPO`);
    process.exit(2);
  }
  a[k] = process.argv[i + 1];
}
if (!a.tdsite || !a.quelle) {
  console.error("Aufruf: node vorschau.mjs --tdsite BIN --quelle REPO");
  process.exit(2);
}

const befunde = [];
const pruefe = (ok, text) => { if (!ok) befunde.push(text); };

// Eine Kopie der mitgelieferten Website: der Test schreibt hinein.
const site = kopie(a.quelle, "tdsite-vorschau-");
const lies = (rel) => readFileSync(join(site, rel), "utf8");
const schreibe = (rel, text) => writeFileSync(join(site, rel), text);

const vorschau = await starteVorschau(a.tdsite, site);
const { serve, basis } = vorschau;

const browser = await chromium.launch({ executablePath: a.chromium, args: CHROMIUM_ARGS });
const kontext = await browser.newContext({ viewport: { width: 800, height: 600 }, reducedMotion: "reduce" });
await kontext.addInitScript({ content: readFileSync(require.resolve("axe-core/axe.min.js"), "utf8") });
const page = await kontext.newPage();
const konsole = [];
page.on("console", (m) => konsole.push(m.text()));

// Wartet auf das Neuladen, das ausgelöst wird, nachdem aendern die Datei gespeichert hat.
async function neuGeladen(was, aendern) {
  const geladen = page.waitForEvent("load", { timeout: 15000 });
  const verbunden = page.waitForRequest((r) => r.url().includes("/__tdsite/ereignisse"), { timeout: 15000 });
  aendern();
  try {
    await geladen;
    await verbunden; // erst dann ist der neue Tab für das nächste Ereignis angemeldet
    await page.waitForTimeout(300);
    return true;
  } catch {
    befunde.push(`${was}: Die Seite hat nicht von selbst neu geladen.`);
    return false;
  }
}

const h1 = () => page.locator("h1").first().innerText();

try {
  const verbunden = page.waitForRequest((r) => r.url().includes("/__tdsite/ereignisse"), { timeout: 15000 });
  await page.goto(basis + SEITE);
  await verbunden;
  await page.waitForTimeout(300);
  const original = lies(MASSNAHME);

  // 1. Inhalt ändern: neu laden, an derselben Stelle bleiben.
  // Chromium stellt die Scrollposition beim Neuladen selbst wieder her; abgeschaltet,
  // damit geprüft wird, dass live.js die Stelle hält (wie in Browsern ohne das).
  await page.evaluate(() => { history.scrollRestoration = "manual"; window.scrollTo(0, 300); window.__vorher = true; });
  const y = await page.evaluate(() => window.scrollY);
  pruefe(y > 100, `Die Seite ist zu kurz, um das Scrollen zu prüfen (scrollY ${y}).`);
  if (await neuGeladen("Inhalt geändert", () => schreibe(MASSNAHME, original.replace('titel = "', 'titel = "Vorschauprobe ')))) {
    pruefe((await h1()).includes("Vorschauprobe"), `Inhalt geändert: Die Überschrift zeigt „${await h1()}“, nicht den neuen Titel.`);
    pruefe(await page.evaluate(() => window.__vorher === undefined), "Inhalt geändert: Die Seite wurde nicht neu geladen.");
    await page.waitForFunction((y0) => Math.abs(window.scrollY - y0) < 5, y, { timeout: 3000 })
      .catch(async () => befunde.push(`Inhalt geändert: Die Seite steht bei ${await page.evaluate(() => window.scrollY)} px statt bei ${y} px.`));
  }

  // 2. Nur CSS: Stylesheet tauschen, nicht neu laden.
  await page.evaluate(() => { window.__vorher = true; });
  schreibe(CSS, lies(CSS) + "\n:root { --vorschau-probe: 7; }\n");
  await page.waitForFunction(() => getComputedStyle(document.documentElement).getPropertyValue("--vorschau-probe").trim() === "7", null, { timeout: 10000 })
    .catch(() => befunde.push("CSS geändert: Das neue Stylesheet wirkt nicht."));
  pruefe(await page.evaluate(() => window.__vorher === true), "CSS geändert: Die Seite wurde neu geladen statt nur das Stylesheet getauscht.");

  // 3. Fehler: Hinweis mit Datei und Zeile, letzter guter Stand bleibt sichtbar.
  const gut = lies(MASSNAHME);
  if (await neuGeladen("Fehler gespeichert", () => schreibe(MASSNAHME, gut.replace(/\ntitel = "/, '\ntitel = kaputt "')))) {
    const hinweis = page.locator("#tdsite-fehler");
    pruefe(await hinweis.isVisible(), "Fehler: Kein Hinweis sichtbar.");
    const text = await hinweis.innerText().catch(() => "");
    pruefe(/BSP-01\.md:\d+/.test(text), `Fehler: Der Hinweis nennt nicht Datei und Zeile: „${text.slice(0, 200)}“`);
    pruefe((await hinweis.getAttribute("role")) === "alert", "Fehler: Der Hinweis hat nicht role=alert.");
    pruefe((await h1()).includes("Vorschauprobe"), "Fehler: Die Seite zeigt nicht mehr den letzten fehlerfreien Stand.");
    const axe = await page.evaluate(() => window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
    for (const v of axe.violations) befunde.push(`Fehler-Hinweis, axe: ${v.id}: ${v.help}`);
    await page.keyboard.press("Escape");
    pruefe(!(await hinweis.isVisible()), "Fehler: Esc blendet den Hinweis nicht aus.");
  }
  // 4. Korrektur: Hinweis verschwindet.
  if (await neuGeladen("Fehler behoben", () => schreibe(MASSNAHME, gut))) {
    pruefe(await page.locator("#tdsite-fehler").count() === 0, "Fehler behoben: Der Hinweis bleibt.");
  }

  // 5. Vorlage ändern: die offene Seite kommt an.
  const vorlage = lies(VORLAGE);
  if (await neuGeladen("Vorlage geändert", () => schreibe(VORLAGE, vorlage.replace("</h1>", " (Vorlagenprobe)</h1>")))) {
    pruefe((await h1()).includes("(Vorlagenprobe)"), `Vorlage geändert: Die Überschrift zeigt „${await h1()}“.`);
  }

  for (const l of konsole) {
    if (l.includes("Content Security Policy")) befunde.push(`CSP blockiert etwas in der Vorschau: ${l}`);
  }
} finally {
  await browser.close();
  serve.kill("SIGTERM");
  rmSync(site, { recursive: true, force: true });
}

if (befunde.length) {
  console.log(`Vorschau in Chromium: ${befunde.length} Befunde:`);
  for (const b of befunde) console.log("  " + b);
  console.log("Terminal der Vorschau:\n" + vorschau.terminal);
  process.exit(1);
}
console.log("Vorschau in Chromium: Neuladen an derselben Stelle, CSS ohne Neuladen, Fehlerhinweis mit Datei:Zeile (axe ohne Verstöße, Esc), Korrektur, Vorlage – in Ordnung.");
