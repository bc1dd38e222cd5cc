import { existsSync } from "node:fs";
import { type BrowserContext, chromium } from "playwright-core";

/** Debian's chromium unless CHROME_PATH names another Chromium or Chrome. */
const CHROMIUM = process.env.CHROME_PATH || "/usr/bin/chromium";
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

/** Headless Chromium with its profile in `profile`, a folder of the calling test's own. */
export function launchChromium(profile: string): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      process.env.CHROME_PATH
        ? `CHROME_PATH names ${CHROMIUM}, which does not exist: point it at a Chromium or Chrome executable`
        : `no Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) or set CHROME_PATH to a Chromium or Chrome executable`,
    );
  }
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    ignoreHTTPSErrors: true,
    timeout: 30_000,
  });
}
