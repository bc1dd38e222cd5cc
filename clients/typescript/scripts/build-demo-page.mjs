// Assembles the live demo page that a development gateway serves (after `npm run build`): the
// page's files from demo/ and the client's ES module build (dist/esm, its .js files and their source
// maps) under client/, in target/demo-page/degenduel-demo-page/ with files.txt listing them. Maven
// packs that folder into the demo-page jar in the repository's target/lib, the gateway's classpath.
// The page imports the package by name, as an app would; no import map can say where that is (the
// gateway's Content-Security-Policy forbids inline scripts), so the import is pointed at client/ here.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGE = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const PAGE = join(PACKAGE, "demo");
const CLIENT = join(PACKAGE, "dist", "esm");
export const OUTPUT = join(PACKAGE, "target", "demo-page", "degenduel-demo-page");
const PACKAGE_IMPORT = 'from "@degenduel/realtime-client";';
const SERVED_IMPORT = 'from "./client/index.js";';

/** @param {string} dir @param {string} [prefix] @returns {string[]} every file under dir, relative to it */
function filesUnder(dir, prefix = "") {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(dir, join(prefix, entry.name)) : entry.isFile() ? [join(prefix, entry.name)] : [],
  );
}

if (!existsSync(join(CLIENT, "index.js"))) {
  throw new Error(`${CLIENT} has no build: run npm run build first`);
}
rmSync(OUTPUT, { recursive: true, force: true });
mkdirSync(OUTPUT, { recursive: true });

/** @type {string[]} */
const listed = [];
for (const name of filesUnder(PAGE)) {
  let text = readFileSync(join(PAGE, name), "utf8");
  if (name.endsWith(".js")) {
    const imports = text.split(PACKAGE_IMPORT).length - 1;
    if (imports !== 1) throw new Error(`demo/${name} must import the client exactly once with ${PACKAGE_IMPORT} (found ${imports})`);
    text = text.replace(PACKAGE_IMPORT, SERVED_IMPORT);
  }
  writeFileSync(join(OUTPUT, name), text);
  listed.push(name);
}
for (const name of filesUnder(CLIENT).filter((f) => f.endsWith(".js") || f.endsWith(".js.map"))) {
  const target = join(OUTPUT, "client", name);
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(join(CLIENT, name), target);
  listed.push(`client/${name}`);
}
writeFileSync(join(OUTPUT, "files.txt"), `${listed.map((f) => f.split(sep).join("/")).sort().join("\n")}\n`);
console.log(`demo page: ${listed.length} files in ${relative(PACKAGE, OUTPUT)}`);
