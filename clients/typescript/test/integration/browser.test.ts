import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, expect, inject, it } from "vitest";

const backend = inject("backend");
const PACKAGE = fileURLToPath(new URL("../..", import.meta.url));
const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  // The development certificate is self-signed.
  "--ignore-certificate-errors",
];

/** The page a frontend would be: it loads the compiled package (dist/) as an ES module, nothing else. */
const PAGE = `<!doctype html>
<meta charset="utf-8">
<script type="module">
  import { RealtimeClient } from "/dist/index.js";
  // The first MARKET_PRICE may be the snapshot; a later one with a higher seq is live.
  window.liveMarketPrice = (url, token) =>
    new Promise((resolve, reject) => {
      const market = new RealtimeClient({ url, token }).market(["BTC"]);
      market.on("state", (s) => {
        if (s.state === "stopped" || s.state === "restart_required") reject(new Error(JSON.stringify(s)));
      });
      let first;
      market.onMessage("MARKET_PRICE", (m) => {
        if (first === undefined) {
          first = m;
          return;
        }
        if (m.data.symbol !== "BTC" || m.seq <= first.seq) return;
        const state = market.state;
        market.close();
        resolve({ message: m, state, hasGlobalWebSocket: typeof WebSocket === "function" });
      });
      market.connect();
    });
  window.ready = true;
</script>`;

let server: Server;
let origin: string;
let profile: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    if (path === "/") {
      response.writeHead(200, { "content-type": "text/html" }).end(PAGE);
      return;
    }
    const file = normalize(join(PACKAGE, path));
    if (!path.startsWith("/dist/") || !file.startsWith(join(PACKAGE, "dist"))) {
      response.writeHead(404).end();
      return;
    }
    try {
      response.writeHead(200, { "content-type": "text/javascript" }).end(readFileSync(file));
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === "object" && address !== null ? address.port : 0}`;
  profile = mkdtempSync(join(tmpdir(), "dd-ts-chromium-"));
});

afterAll(async () => {
  await new Promise((done) => server.close(done));
  rmSync(profile, { recursive: true, force: true });
});

it("in headless Chromium, the bundled client connects over WSS and receives live MARKET_PRICE", async () => {
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    ignoreHTTPSErrors: true,
    timeout: 30_000,
  });
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true, undefined, { timeout: 10_000 });
    const result = await page.evaluate(
      ([url, token]) =>
        (window as unknown as { liveMarketPrice(u: string, t: string): Promise<unknown> }).liveMarketPrice(url!, token!),
      [backend.url, backend.token],
    );
    expect(result).toMatchObject({
      state: "open",
      hasGlobalWebSocket: true,
      message: { type: "MARKET_PRICE", data: { symbol: "BTC" } },
    });
    const price = (result as { message: { data: { price: number }; seq: number } }).message;
    expect(price.data.price).toBeGreaterThan(0);
    expect(price.seq).toBeGreaterThan(0);
  } finally {
    await browser.close();
  }
});
