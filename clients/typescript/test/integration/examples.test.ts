import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect, inject, it, vi } from "vitest";

const backend = inject("backend");
const PACKAGE = fileURLToPath(new URL("../..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "dd-ts-example-"));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("examples/node.mjs, run as its comment says, prints live messages of all three endpoints and stops on Ctrl-C", async () => {
  const ca = join(dir, "ca.pem");
  writeFileSync(ca, backend.caPem);
  // It imports the package by name, which resolves to this package's own dist/esm.
  const example = spawn(process.execPath, ["examples/node.mjs"], {
    cwd: PACKAGE,
    env: { ...process.env, DD_URL: backend.url, DD_TOKEN: backend.token, DD_CA: ca },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<number | null>((done) => example.once("exit", (code) => done(code)));
  let out = "";
  example.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  example.stderr.on("data", (chunk: Buffer) => (out += chunk.toString()));
  try {
    await vi.waitFor(
      () => {
        expect(out).toMatch(/^market MARKET_PRICE \{/m);
        expect(out).toMatch(/^market BTC is at \d/m);
        expect(out).toMatch(/^portfolio PORTFOLIO_UPDATED \{/m);
        expect(out).toMatch(/^contest CONTEST_UPDATED \{"type":"CONTEST_UPDATED".*"contest_id":"demo-contest"/m);
      },
      { timeout: 30_000, interval: 100 },
    );
    example.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(out).toMatch(/^market state \{"state":"closed"\}/m);
  } finally {
    example.kill("SIGKILL");
  }
});
