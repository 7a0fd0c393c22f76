// Gemeinsam für vorschau.mjs und redaktion.mjs: eine Kopie der
// mitgelieferten Website anlegen und `tdsite serve` darauf starten.
import { cpSync, mkdtempSync } from "node:fs";
import { spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run"];

// kopie kopiert, was eine Website ausmacht, in einen neuen Ordner: die Tests schreiben hinein.
export function kopie(quelle, name) {
  const dir = mkdtempSync(join(tmpdir(), name));
  for (const e of ["config.toml", "content", "layouts", "themes"]) cpSync(join(quelle, e), join(dir, e), { recursive: true });
  return dir;
}

// starteVorschau startet tdsite serve auf einem freien Port und wartet auf
// die Adresse; bei einem Fehler endet das Programm mit Exit-Code 2.
export async function starteVorschau(tdsite, site, ...optionen) {
  const serve = spawn(tdsite, ["serve", "--source", site, "--port", "0", ...optionen], { stdio: ["ignore", "pipe", "inherit"] });
  const v = { serve, terminal: "", basis: "" };
  v.basis = await new Promise((ok, fehler) => {
    const t = setTimeout(() => fehler(new Error("Die Vorschau ist nicht in 60 s gestartet.\n" + v.terminal)), 60000);
    serve.stdout.on("data", (d) => {
      v.terminal += d;
      const m = v.terminal.match(/Vorschau: (http:\/\/\S+?)\/ /);
      if (m) { clearTimeout(t); ok(m[1]); }
    });
    serve.on("exit", (code) => fehler(new Error(`tdsite serve endete mit ${code}:\n${v.terminal}`)));
  }).catch((e) => { console.error(e.message); process.exit(2); });
  return v;
}
