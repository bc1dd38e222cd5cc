// The page of examples/browser.html: a live price list from the market endpoint, and every
// portfolio message in a log.
import { RealtimeClient } from "@degenduel/realtime-client";

const query = new URLSearchParams(location.search);
const token = query.get("token");
const state = /** @type {HTMLElement} */ (document.getElementById("state"));
const prices = /** @type {HTMLElement} */ (document.getElementById("prices"));
const log = /** @type {HTMLElement} */ (document.getElementById("log"));

if (token === null) {
  state.textContent = "add ?token=<the token ./degenduel-ws up printed> to the address";
} else {
  // The browser's own WebSocket; the token travels as its subprotocol.
  const realtime = new RealtimeClient({ url: query.get("url") ?? "wss://localhost:8443", token });

  const market = realtime.market(["BTC", "ETH", "SOL"]);
  market.on("state", (change) => {
    state.textContent = change.state === "restart_required" ? "connection lost: reload the page" : change.state;
  });
  market.onMessage("MARKET_PRICE", ({ data }) => {
    const row = prices.querySelector(`[data-symbol="${data.symbol}"]`) ?? prices.appendChild(document.createElement("li"));
    row.setAttribute("data-symbol", data.symbol);
    row.textContent = `${data.symbol} ${data.price} (${data.change_24h}% in 24 h)`;
  });
  market.connect();

  const portfolio = realtime.portfolio();
  portfolio.on("message", (message) => {
    log.textContent = `${JSON.stringify(message)}\n${log.textContent}`.slice(0, 20_000);
  });
  portfolio.on("resumed", (outcome) => {
    if (!outcome.recovered) log.textContent = `events were missed while away: reload the trade history\n${log.textContent}`;
  });
  portfolio.connect();
}
