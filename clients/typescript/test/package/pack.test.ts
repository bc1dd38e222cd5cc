import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";

/**
 * The package as an app gets it: `npm pack` (which builds, as `npm publish` would), the tarball
 * installed into an empty project, then loaded with require() and with import, and type-checked
 * from a CommonJS and an ES module file.
 */

const run = promisify(execFile);
const PACKAGE = fileURLToPath(new URL("../..", import.meta.url));
const NAME = "@degenduel/realtime-client";
const TSC = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const EXPORTS = [
  "Connection",
  "DEFAULT_RECONNECT",
  "DO_NOT_RETRY_CLOSE_CODES",
  "HEARTBEAT_INTERVAL_MS",
  "MarketChannel",
  "RealtimeClient",
  "backoffDelay",
  "shouldRetry",
];

let work: string;
let app: string;
let packed: string[];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "dd-ts-pack-"));
  const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", work], { cwd: PACKAGE, maxBuffer: 16 << 20 });
  const [tarball] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  packed = tarball!.files.map((f) => f.path);
  app = join(work, "app");
  cpSync(join(PACKAGE, "test", "package", "consumer"), app, { recursive: true });
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true }));
  // The package has no dependencies, so installing its tarball needs no registry.
  await run("npm", ["install", "--offline", "--no-audit", "--no-fund", "--no-package-lock", join(work, tarball!.filename)], { cwd: app });
});

afterAll(() => {
  if (work !== undefined) {
    rmSync(work, { recursive: true, force: true });
  }
});

it("packs both builds with their declarations, the README and the LICENSE, and no sources or tests", () => {
  expect(packed).toEqual(
    expect.arrayContaining(["dist/esm/index.js", "dist/esm/index.d.ts", "dist/cjs/index.js", "dist/cjs/index.d.ts", "dist/cjs/package.json"]),
  );
  expect(packed.filter((path) => !path.startsWith("dist/")).sort()).toEqual(["LICENSE", "README.md", "package.json"]);
});

type Used = { resolved: string; exports: string[]; opened: { url: string; protocols: string }[]; retryAfter4001: boolean };

function expectWorking(used: Used): void {
  expect(used.exports).toEqual(EXPORTS);
  expect(used.opened).toEqual([{ url: "wss://gw.example/api/v2/ws/market?symbols=BTC", protocols: "a.b.c" }]);
  expect(used.retryAfter4001).toBe(false);
}

it("require() loads the CommonJS build", async () => {
  const { stdout } = await run(process.execPath, ["use.cjs"], { cwd: app });
  const used = JSON.parse(stdout) as Used;
  expect(used.resolved).toBe(join(app, "node_modules", NAME, "dist", "cjs", "index.js"));
  expectWorking(used);
});

it("import loads the ES module build", async () => {
  const { stdout } = await run(process.execPath, ["use.mjs"], { cwd: app });
  const used = JSON.parse(stdout) as Used;
  expect(used.resolved).toBe(pathToFileURL(join(app, "node_modules", NAME, "dist", "esm", "index.js")).href);
  expectWorking(used);
});

it("TypeScript finds the CommonJS declarations for require and the ES module ones for import", async () => {
  const { stdout } = await run(process.execPath, [TSC, "-p", "tsconfig.json", "--listFiles"], { cwd: app });
  const files = stdout.split("\n");
  expect(files).toContain(join(app, "node_modules", NAME, "dist", "cjs", "index.d.ts"));
  expect(files).toContain(join(app, "node_modules", NAME, "dist", "esm", "index.d.ts"));
});
