import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect, inject, it, vi } from "vitest";
import { launchChromium } from "./chromium.js";

const backend = inject("backend");
/** Kept after the build as what the page looked like: clients/typescript/target/demo-page.png. */
const SCREENSHOT = fileURLToPath(new URL("../../target/demo-page.png", import.meta.url));
const profile = mkdtempSync(join(tmpdir(), "dd-ts-demo-page-"));

afterAll(() => rmSync(profile, { recursive: true, force: true }));

it("the demo page up links to, served by the gateway, shows live prices, the portfolio and the demo contest's leaderboard", async () => {
  const link = new URL(backend.demoPage);
  expect(link.pathname).toBe("/demo/");
  expect(new URLSearchParams(link.hash.slice(1)).get("token")).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

  const browser = await launchChromium(profile);
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(error.message));

    const answer = await page.goto(link.href);
    expect(answer?.status()).toBe(200);
    expect(answer?.headers()["content-security-policy"]).toContain("script-src 'self'");

    const shown = () =>
      page.evaluate(() => ({
        states: Array.from(document.querySelectorAll<HTMLElement>("[data-channel]")).map((b) => `${b.dataset.channel} ${b.dataset.state}`),
        btc: document.querySelector('#market tr[data-symbol="BTC"] .price')?.textContent ?? "",
        leaderboard: document.querySelectorAll("#leaderboard tbody tr").length,
        total: document.getElementById("total-value")?.textContent ?? "",
        log: document.getElementById("log")?.textContent ?? "",
      }));
    const prices = new Set<string>();
    await vi.waitFor(
      async () => {
        const now = await shown();
        if (now.btc.startsWith("$")) prices.add(now.btc);
        expect(now.states).toEqual(["market open", "portfolio open", "contest open"]);
        expect(prices.size, `BTC prices seen: ${[...prices].join(", ")}`).toBeGreaterThanOrEqual(2);
        expect(now.leaderboard).toBeGreaterThan(0);
        expect(now.total).toMatch(/^\$\d/);
      },
      { timeout: 30_000, interval: 200 },
    );
    // The client's state events, as the page logs them.
    const { log } = await shown();
    for (const channel of ["market", "portfolio", "contest"]) {
      expect(log).toContain(`${channel} connecting`);
      expect(log).toContain(`${channel} open`);
    }
    mkdirSync(join(SCREENSHOT, ".."), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    // A refused script, style or socket (the Content-Security-Policy) would show here.
    expect(problems).toEqual([]);
  } finally {
    await browser.close();
  }
});
