// Build the web UI into ../src/eventwire/web/static/ (committed, so installing eventwire needs no npm).
// Run: cd frontend && npm ci && npm run build   (or `make web` from the project root)
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "src", "eventwire", "web", "static");
const modules = join(here, "node_modules");

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "swagger"), { recursive: true });

await build({
  entryPoints: [join(here, "src", "main.js")],
  bundle: true,
  format: "iife",
  target: "es2020",
  minify: true,
  legalComments: "eof",
  outfile: join(out, "app.js"),
});

for (const name of ["index.html", "docs.html", "docs-init.js", "app.css", "favicon.svg"]) {
  copyFileSync(join(here, "src", name), join(out, name));
}
// Natural Earth 1:50m country outlines (public domain) as TopoJSON, from world-atlas (ISC)
copyFileSync(join(modules, "world-atlas", "countries-50m.json"), join(out, "countries-50m.json"));
// Swagger UI for /docs, served from the package (no CDN); its initialiser is docs-init.js, not an inline script
for (const name of ["swagger-ui-bundle.js", "swagger-ui.css"]) {
  copyFileSync(join(modules, "swagger-ui-dist", name), join(out, "swagger", name));
}
const licences = [
  ["world-atlas", "LICENSE"],
  ["topojson-client", "LICENSE"],
  ["d3-geo", "LICENSE"],
  ["swagger-ui-dist", "LICENSE"],
];
let text = "Third-party code and data in these files (see also NOTICE at the project root):\n\n";
for (const [pkg, file] of licences) {
  const version = JSON.parse(readFileSync(join(modules, pkg, "package.json"), "utf8")).version;
  text += `==== ${pkg} ${version} ====\n` + readFileSync(join(modules, pkg, file), "utf8") + "\n";
}
writeFileSync(join(out, "THIRD-PARTY-LICENSES.txt"), text);
console.log(`built the UI into ${out}`);
