// Watches all three endpoints of a running backend and prints every message, one line each.
//
//   ./degenduel-ws up                                  (in the repository root; prints a token)
//   cd clients/typescript && npm ci && npm run build
//   DD_TOKEN=<the token> node examples/node.mjs
//
// DD_URL (default wss://localhost:8443), DD_CA (default: the certificate `up` generated,
// target/dev-tls/dev-gateway.pem), DD_SYMBOLS (default BTC,ETH,SOL) and DD_CONTEST (default
// demo-contest) point it elsewhere. Ctrl-C closes the connections.
import { readFileSync } from "node:fs";
import { RealtimeClient } from "@degenduel/realtime-client";
import WebSocket from "ws";

const token = process.env.DD_TOKEN;
if (!token) {
  console.error("DD_TOKEN is not set: use the token `./degenduel-ws up` printed");
  process.exit(2);
}
const ca = readFileSync(process.env.DD_CA ?? new URL("../../../target/dev-tls/dev-gateway.pem", import.meta.url));

/** Node 20 has no global WebSocket; `ws` does, and can trust the self-signed development certificate. */
class TrustingWebSocket extends WebSocket {
  /** @param {string} url @param {string | string[]} [protocols] */
  constructor(url, protocols) {
    super(url, protocols, { ca });
  }
}

const realtime = new RealtimeClient({
  url: process.env.DD_URL ?? "wss://localhost:8443",
  token,
  // `up`'s token lasts 12 hours; an app passes refreshToken: () => <a fresh session token> here.
  WebSocket: /** @type {import("@degenduel/realtime-client").WebSocketConstructor} */ (/** @type {unknown} */ (TrustingWebSocket)),
});

const channels = {
  market: realtime.market((process.env.DD_SYMBOLS ?? "BTC,ETH,SOL").split(",")),
  portfolio: realtime.portfolio(),
  contest: realtime.contest(process.env.DD_CONTEST ?? "demo-contest"),
};

for (const [name, channel] of Object.entries(channels)) {
  channel.on("state", (change) => console.log(`${name} state ${JSON.stringify(change)}`));
  channel.on("message", (message) => console.log(`${name} ${message.type} ${JSON.stringify(message)}`));
  channel.connect();
}
channels.portfolio.on("refreshError", (error) => console.log(`portfolio token refresh failed: ${String(error)}`));
channels.portfolio.on("resumed", (outcome) => console.log(`portfolio resumed ${JSON.stringify(outcome)}`));
channels.market.onMessage("MARKET_PRICE", (price) => console.log(`market ${price.data.symbol} is at ${price.data.price}`));

process.once("SIGINT", () => Object.values(channels).forEach((channel) => channel.close()));
