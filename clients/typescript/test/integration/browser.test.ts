import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject, it, vi } from "vitest";
import { launchChromium } from "./chromium.js";
import { reportTrade } from "./facts.js";

const backend = inject("backend");
const PACKAGE = fileURLToPath(new URL("../..", import.meta.url));
/** The page a frontend would be: it loads the compiled package (dist/esm) as an ES module, nothing else. */
const PAGE = `<!doctype html>
<meta charset="utf-8">
<script type="module">
  import { RealtimeClient } from "/dist/esm/index.js";
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
  // A portfolio whose socket the test can drop, as a network change would, to see it resume.
  window.watchPortfolio = (url, token) => {
    const sockets = [];
    class TrackedWebSocket extends WebSocket {
      constructor(u, p) {
        super(u, p);
        sockets.push(this);
      }
    }
    const seen = { snapshots: 0, trades: [], resumes: [], sockets: () => sockets.length };
    const portfolio = new RealtimeClient({ url, token, WebSocket: TrackedWebSocket, reconnect: { baseDelayMs: 100, maxDelayMs: 1000 } }).portfolio();
    portfolio.onMessage("PORTFOLIO_UPDATED", () => seen.snapshots++);
    portfolio.onMessage("TRADE_EXECUTED", (m) => seen.trades.push(m.data.trade_id));
    portfolio.on("resumed", (r) => seen.resumes.push(r));
    window.dropPortfolioSocket = () => sockets.at(-1).close(4000, "network change");
    window.portfolioSeen = seen;
    portfolio.connect();
  };
  window.ready = true;
</script>`;

/** What the test server serves besides the page: the compiled package and the examples. */
const SERVED = ["dist", "examples"];

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
    if (!SERVED.some((folder) => file.startsWith(join(PACKAGE, folder, sep)))) {
      response.writeHead(404).end();
      return;
    }
    try {
      const type = file.endsWith(".html") ? "text/html" : "text/javascript";
      response.writeHead(200, { "content-type": type }).end(readFileSync(file));
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

/** The test page, once its module has loaded the client. */
async function openPage(browser: BrowserContext): Promise<Page> {
  const page = browser.pages()[0] ?? (await browser.newPage());
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true, undefined, { timeout: 10_000 });
  return page;
}

it("in headless Chromium, the bundled client connects over WSS and receives live MARKET_PRICE", async () => {
  const browser = await launchChromium(profile);
  try {
    const page = await openPage(browser);
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

it("in headless Chromium, a portfolio whose socket drops resumes and receives every trade once and in order", async () => {
  const browser = await launchChromium(profile);
  type Seen = { snapshots: number; trades: string[]; resumes: { recovered: boolean }[] };
  try {
    const page = await openPage(browser);
    await page.evaluate(
      ([url, token]) => (window as unknown as { watchPortfolio(u: string, t: string): void }).watchPortfolio(url!, token!),
      [backend.url, backend.token],
    );
    const seen = () => page.evaluate(() => (window as unknown as { portfolioSeen: Seen }).portfolioSeen);
    await vi.waitFor(async () => expect((await seen()).snapshots).toBeGreaterThan(0), { timeout: 15_000, interval: 50 });
    const run = `tsb-${Date.now()}`;
    await reportTrade(`${run}-1`);
    await vi.waitFor(async () => expect((await seen()).trades).toContain(`${run}-1`), { timeout: 15_000, interval: 50 });

    await page.evaluate(() => (window as unknown as { dropPortfolioSocket(): void }).dropPortfolioSocket());
    await reportTrade(`${run}-2`);
    await reportTrade(`${run}-3`);
    await vi.waitFor(async () => expect((await seen()).trades).toContain(`${run}-3`), { timeout: 15_000, interval: 50 });
    const final = await seen();
    expect(final.resumes).toEqual([expect.objectContaining({ recovered: true })]);
    expect(final.trades.filter((id) => id.startsWith(run))).toEqual([1, 2, 3].map((i) => `${run}-${i}`));
  } finally {
    await browser.close();
  }
});

it("in headless Chromium, examples/browser.html lists live prices and logs the portfolio's messages", async () => {
  const browser = await launchChromium(profile);
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    const query = new URLSearchParams({ token: backend.token, url: backend.url });
    await page.goto(`${origin}/examples/browser.html?${query}`);
    const shown = () =>
      page.evaluate(() => ({
        state: document.getElementById("state")?.textContent,
        btc: document.querySelector('#prices [data-symbol="BTC"]')?.textContent,
        log: document.getElementById("log")?.textContent,
      }));
    await vi.waitFor(
      async () => {
        const { state, btc, log } = await shown();
        expect(state).toBe("open");
        expect(btc).toMatch(/^BTC \d/);
        expect(log).toContain('"type":"PORTFOLIO_UPDATED"');
      },
      { timeout: 15_000, interval: 100 },
    );
  } finally {
    await browser.close();
  }
});
