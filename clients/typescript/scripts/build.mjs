// Builds the package: the message types from protocol/schemas, then the ES module build
// (dist/esm) and the CommonJS build (dist/cjs), each with its own declarations.
import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { writeGeneratedTypes } from "./generate-types.mjs";

const PACKAGE = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const TSC = createRequire(import.meta.url).resolve("typescript/bin/tsc");

/** @param {string} project */
function tsc(project) {
  execFileSync(process.execPath, [TSC, "-p", join(PACKAGE, project)], { stdio: "inherit" });
}

// A file left from an earlier layout would otherwise be packed too.
rmSync(join(PACKAGE, "dist"), { recursive: true, force: true });
await writeGeneratedTypes();
tsc("tsconfig.json");
tsc("tsconfig.cjs.json");
// The package is "type": "module"; this marks dist/cjs's .js and .d.ts files as CommonJS for Node and TypeScript.
writeFileSync(join(PACKAGE, "dist", "cjs", "package.json"), `${JSON.stringify({ type: "commonjs" })}\n`);
