// Selbsttest der Browserprüfung: pruefen.mjs muss eine absichtlich
// fehlerhafte Seite (selbsttest/site) ablehnen und jeden eingebauten Fehler
// benennen. So ist sichergestellt, dass die Prüfung überhaupt fehlschlagen kann.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const hier = dirname(fileURLToPath(import.meta.url));
const r = spawnSync(process.execPath, [join(hier, "pruefen.mjs"), "--site", join(hier, "selbsttest/site"),
  "--seiten", join(hier, "selbsttest/seiten.txt"), ...process.argv.slice(2)], { encoding: "utf8" });
const aus = r.stdout + r.stderr;
const erwartet = [
  ["Exit-Code 1", r.status === 1],
  ["axe: zu geringer Kontrast", /\[axe\] color-contrast/.test(aus)],
  ["axe: Bild ohne Alternativtext", /\[axe\] image-alt/.test(aus)],
  ["axe im dunklen Farbschema", /\[axe-dunkel\] color-contrast/.test(aus)],
  ["HTML-Prüfung: Bild ohne alt", /\[html\] wcag\/h37/.test(aus)],
  ["übersprungene Überschriftenebene", /\[struktur\] Überschriftenebene übersprungen: H1 → H3/.test(aus)],
  ["falsche Sprache", /\[struktur\] <html lang="en">/.test(aus)],
  ["nichtssagender Linktext", /\[struktur\] nichtssagender Linktext „hier“/.test(aus)],
  ["320 px zu breit", /\[320px\] Die Seite ist bei 320 px \d+ px breit/.test(aus)],
  ["kein Sprunglink", /\[tastatur\] Erster Tabstopp ist nicht der Link „Zum Inhalt springen“/.test(aus)],
  ["Fokus nicht sichtbar", /\[tastatur\] Fokus nicht sichtbar bei a „Navigation“/.test(aus)],
  ["abgeschnitten bei 200 %", /\[200%\] Inhalt abgeschnitten bei 200 % Textgröße: div\.eng/.test(aus)],
  ["Kartenbeschriftung wächst nicht bei 200 %", /\[200%\] Beschriftung wächst nicht mit der Textgröße: svg#starr/.test(aus)],
  ["Anfrage an fremden Server", /\[extern\] Anfrage an fremden Server: http:\/\/example\.invalid/.test(aus)],
  ["veraltete Seitenliste", /\[seitenliste\] .*„\/gibt-es-nicht\/“/.test(aus)],
];
let fehlt = 0;
for (const [name, ok] of erwartet) {
  if (!ok) { fehlt++; console.log(`Selbsttest: NICHT erkannt: ${name}`); }
}
if (fehlt) {
  console.log("\n--- Ausgabe von pruefen.mjs ---\n" + aus);
  console.log(`Selbsttest FEHLGESCHLAGEN: ${fehlt} von ${erwartet.length} eingebauten Fehlern nicht erkannt.`);
  process.exit(1);
}
console.log(`Selbsttest: alle ${erwartet.length} eingebauten Fehler erkannt.`);
