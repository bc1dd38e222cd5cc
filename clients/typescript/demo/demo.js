// The live demo page: the market, the token's portfolio and one contest, as a frontend would show
// them with the client. Everything it needs is in the address's fragment (which the browser sends
// to no server): #contest=<id>&symbols=BTC,ETH,...&token=<a development token>. The socket goes to
// the origin that served the page. Messages update state; the screen is redrawn once per frame.
import { RealtimeClient } from "@degenduel/realtime-client";

/**
 * @typedef {import("@degenduel/realtime-client").MarketPrice["data"]} Price
 * @typedef {import("@degenduel/realtime-client").MarketVolume["data"]} Volume
 * @typedef {import("@degenduel/realtime-client").MarketSentiment["data"]} Sentiment
 * @typedef {import("@degenduel/realtime-client").PortfolioUpdated["data"]} Portfolio
 * @typedef {import("@degenduel/realtime-client").TradeExecuted["data"]} Trade
 * @typedef {import("@degenduel/realtime-client").ContestUpdated["data"]} Contest
 * @typedef {import("@degenduel/realtime-client").LeaderboardEntry} LeaderboardEntry
 * @typedef {import("@degenduel/realtime-client").ParticipantActivity["data"]} Activity
 * @typedef {import("@degenduel/realtime-client").StateChange} StateChange
 * @typedef {{ price?: Price, previous?: number, volume?: Volume, sentiment?: Sentiment }} Quote
 */

const FEED_LENGTH = 20;
const LOG_LENGTH = 50;

const fragment = new URLSearchParams(location.hash.slice(1));
const token = fragment.get("token");
const contestId = fragment.get("contest") || "demo-contest";
const symbols = (fragment.get("symbols") || "BTC,ETH,SOL").split(",").filter((s) => s !== "");

/** @param {string} id */
function byId(id) {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`the page has no #${id}`);
  return element;
}

/**
 * @param {string} tag
 * @param {string} [text]
 * @param {string} [className]
 */
function element(tag, text, className) {
  const made = document.createElement(tag);
  if (text !== undefined) made.textContent = text;
  if (className) made.className = className;
  return made;
}

const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 2 });
const amounts = new Intl.NumberFormat("en-US", { maximumFractionDigits: 6 });
const counts = new Intl.NumberFormat("en-US");
/** @param {number} value */
const money = (value) => (Math.abs(value) >= 1 || value === 0 ? usd.format(value) : `$${value.toPrecision(4)}`);
/** @param {number} value */
const percent = (value) => `${value > 0 ? "+" : ""}${value.toFixed(2)} %`;
/** @param {number} value */
const trend = (value) => (value > 0 ? "up" : value < 0 ? "down" : "");
/** @param {string} timestamp */
const clock = (timestamp) => new Date(timestamp).toLocaleTimeString("en-GB");
/** @param {number} seconds */
function duration(seconds) {
  const [days, hours, minutes] = [Math.floor(seconds / 86400), Math.floor(seconds / 3600) % 24, Math.floor(seconds / 60) % 60];
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes} min`;
  return `${minutes} min ${seconds % 60} s`;
}
/** @param {string} wallet */
const shortWallet = (wallet) => `${wallet.slice(0, 4)}…${wallet.slice(-4)}`;

/** @param {Sentiment} s */
function sentimentText(s) {
  const mood = s.sentiment_score > 0.2 ? "bullish" : s.sentiment_score < -0.2 ? "bearish" : "neutral";
  return `${mood} ${s.sentiment_score > 0 ? "+" : ""}${s.sentiment_score.toFixed(2)}`;
}

const VOLUME_TREND = { increasing: "↑", decreasing: "↓", stable: "→" };

// What the messages said last; the render functions draw it.
/** @type {Map<string, Quote>} */
const quotes = new Map(symbols.map((symbol) => [symbol, {}]));
/** @type {Portfolio | undefined} */
let portfolio;
/** @type {Trade[]} */
const trades = [];
/** @type {Contest | undefined} */
let contest;
/** @type {LeaderboardEntry[]} */
let leaderboard = [];
/** @type {Activity[]} */
const activity = [];

/** @type {Set<() => void>} */
const dirty = new Set();
/** @param {() => void} render */
function redraw(render) {
  if (dirty.size === 0) {
    requestAnimationFrame(() => {
      const renders = [...dirty];
      dirty.clear();
      renders.forEach((r) => r());
    });
  }
  dirty.add(render);
}

function renderMarket() {
  const body = /** @type {HTMLTableElement} */ (byId("market")).tBodies[0];
  if (body === undefined) return;
  if (body.rows.length === 0) {
    for (const symbol of symbols) {
      const row = element("tr");
      row.dataset.symbol = symbol;
      row.append(element("th", symbol), element("td", "–", "price"), element("td", "–", "change"), element("td", "–"), element("td", "–"));
      body.append(row);
    }
  }
  for (const row of Array.from(body.rows)) {
    const quote = quotes.get(row.dataset.symbol ?? "");
    const [, priceCell, changeCell, sentimentCell, volumeCell] = Array.from(row.cells);
    if (quote === undefined || !priceCell || !changeCell || !sentimentCell || !volumeCell) continue;
    if (quote.price) {
      priceCell.textContent = money(quote.price.price);
      priceCell.className = `price ${trend(quote.price.price - (quote.previous ?? quote.price.price))}`;
      changeCell.textContent = percent(quote.price.change_24h);
      changeCell.className = `change ${trend(quote.price.change_24h)}`;
    }
    if (quote.sentiment) {
      sentimentCell.textContent = sentimentText(quote.sentiment);
      sentimentCell.className = trend(quote.sentiment.sentiment_score);
    }
    if (quote.volume) {
      const arrow = quote.sentiment ? ` ${VOLUME_TREND[quote.sentiment.volume_trend]}` : "";
      volumeCell.textContent = `${counts.format(quote.volume.trades_count)} trades / ${quote.volume.interval}${arrow}`;
    }
  }
}

function renderPortfolio() {
  if (portfolio === undefined) return;
  byId("total-value").textContent = money(portfolio.total_value);
  const performance = byId("performance");
  performance.textContent = percent(portfolio.performance_24h);
  performance.className = trend(portfolio.performance_24h);
  const body = /** @type {HTMLTableElement} */ (byId("holdings")).tBodies[0];
  if (body === undefined) return;
  const rows = portfolio.tokens.map((t) => {
    const row = element("tr");
    const token = element("th", t.symbol);
    if (t.name !== t.symbol) token.append(" ", element("span", t.name, "muted"));
    row.append(token, element("td", amounts.format(t.amount)), element("td", money(t.value)));
    return row;
  });
  if (rows.length === 0) {
    const empty = /** @type {HTMLTableCellElement} */ (element("td", "no holdings yet", "muted"));
    empty.colSpan = 3;
    rows.push(element("tr"));
    rows[0]?.append(empty);
  }
  body.replaceChildren(...rows);
}

function renderTrades() {
  byId("trades").replaceChildren(
    ...trades.map((t) => {
      const side = t.amount < 0 ? "sold" : "bought";
      const where = t.contest_id ? ` in ${t.contest_id}` : "";
      return element("li", `${clock(t.timestamp)} ${side} ${amounts.format(Math.abs(t.amount))} ${t.symbol} at ${money(t.price)}${where}`, t.amount < 0 ? "down" : "up");
    }),
  );
}

function renderContest() {
  if (contest === undefined) return;
  byId("contest-status").textContent = contest.status;
  byId("contest-round").textContent = contest.current_round === undefined ? "–" : String(contest.current_round);
  byId("contest-remaining").textContent = contest.time_remaining === undefined ? "–" : duration(contest.time_remaining);
  byId("contest-participants").textContent = counts.format(contest.total_participants);
  byId("contest-prize").textContent = money(contest.total_prize_pool);
}

/** @param {string} username @param {string} wallet */
function player(username, wallet) {
  const cell = element("th", username);
  cell.append(" ", element("span", shortWallet(wallet), "muted wallet"));
  return cell;
}

function renderLeaderboard() {
  const body = /** @type {HTMLTableElement} */ (byId("leaderboard")).tBodies[0];
  if (body === undefined) return;
  body.replaceChildren(
    ...leaderboard.slice(0, 10).map((entry) => {
      const row = element("tr");
      row.dataset.wallet = entry.wallet_address;
      row.append(
        element("td", String(entry.rank)),
        player(entry.username, entry.wallet_address),
        element("td", money(entry.portfolio_value)),
        element("td", percent(entry.performance), trend(entry.performance)),
      );
      return row;
    }),
  );
}

/** @param {Activity} a */
function activityText(a) {
  if (a.activity_type === "join") return `${a.username} joined`;
  if (a.activity_type === "leave") return `${a.username} left`;
  const d = a.details ?? {};
  const size = d.amount === undefined ? "" : ` ${d.amount < 0 ? "sold" : "bought"} ${amounts.format(Math.abs(d.amount))}`;
  return `${a.username}${size || " traded"} ${d.symbol ?? ""}${d.price === undefined ? "" : ` at ${money(d.price)}`}`;
}

function renderActivity() {
  byId("activity").replaceChildren(
    ...activity.map((a) => element("li", `${clock(a.timestamp)} ${activityText(a)}`, a.activity_type)),
  );
}

/** @template T @param {T[]} feed @param {T} item @param {number} length */
function prepend(feed, item, length) {
  feed.unshift(item);
  feed.length = Math.min(feed.length, length);
}

/** @param {string} text @param {string} [className] */
function log(text, className) {
  const list = byId("log");
  list.prepend(element("li", `${new Date().toLocaleTimeString("en-GB")} ${text}`, className));
  while (list.children.length > LOG_LENGTH) list.lastElementChild?.remove();
}

/** @param {string} text */
function notice(text) {
  const shown = byId("notice");
  shown.textContent = text;
  shown.hidden = false;
}

/**
 * What the client's state event says, in words: the attempt and its delay, or why it stopped.
 * @param {StateChange} change
 */
function stateDetails(change) {
  const parts = [];
  if (change.attempt !== undefined) parts.push(`attempt ${change.attempt} in ${((change.delayMs ?? 0) / 1000).toFixed(1)} s`);
  if (change.closeCode !== undefined) parts.push(`closed ${change.closeCode}${change.closeReason ? ` ${change.closeReason}` : ""}`);
  if (change.lastError) parts.push(`${change.lastError.error.code}: ${change.lastError.error.message}`);
  return parts.join(", ");
}

/** @param {string} token */
function walletOf(token) {
  try {
    const payload = token.split(".")[1] ?? "";
    return /** @type {{ sub?: string, username?: string }} */ (JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/"))));
  } catch {
    return {};
  }
}

if (token === null) {
  notice("No token: open the link that ./degenduel-ws up printed (it carries a development token after the #).");
} else {
  const claims = walletOf(token);
  byId("wallet").textContent = claims.sub ? `${claims.username ?? ""} ${shortWallet(claims.sub)}` : "";
  byId("contest-id").textContent = contestId;
  renderMarket();

  const realtime = new RealtimeClient({ url: `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}`, token });
  const market = realtime.market(symbols);
  const wallet = realtime.portfolio();
  const competition = realtime.contest(contestId);
  const channels = { market, portfolio: wallet, contest: competition };
  const reconnect = /** @type {HTMLButtonElement} */ (byId("reconnect"));

  /**
   * Shows one channel's state as the client reports it, and logs every change.
   * @template {import("@degenduel/realtime-client").ServerMessage} M
   * @param {string} name
   * @param {import("@degenduel/realtime-client").Connection<M>} channel
   */
  const watch = (name, channel) => {
    const badge = /** @type {HTMLElement} */ (document.querySelector(`[data-channel="${name}"]`));
    channel.on("state", (change) => {
      badge.dataset.state = change.state;
      const shown = badge.querySelector("b");
      if (shown) shown.textContent = change.state === "reconnecting" ? `reconnecting (${change.attempt})` : change.state.replace("_", " ");
      const details = stateDetails(change);
      log(`${name} ${change.state}${details ? `: ${details}` : ""}`, change.state);
      // Given up (every attempt failed) or refused (e.g. an expired token): a person decides what next.
      reconnect.hidden = !Object.values(channels).some((c) => c.state === "restart_required" || c.state === "stopped");
      if (change.state === "stopped" && change.closeCode === 4001) {
        notice("The gateway refused the token (expired or invalid): open the new link of ./degenduel-ws up.");
      }
    });
    channel.on("message", (message) => {
      /** @type {import("@degenduel/realtime-client").ServerMessage} */
      const m = message;
      if (m.type === "ERROR") log(`${name} error ${m.error.code}: ${m.error.message}`, "error");
    });
  };
  watch("market", market);
  watch("portfolio", wallet);
  watch("contest", competition);
  reconnect.addEventListener("click", () => {
    for (const channel of Object.values(channels)) {
      if (channel.state === "restart_required" || channel.state === "stopped") channel.connect();
    }
  });

  market.onMessage("MARKET_PRICE", ({ data }) => {
    const quote = quotes.get(data.symbol);
    if (quote === undefined) return;
    quote.previous = quote.price?.price;
    quote.price = data;
    redraw(renderMarket);
  });
  market.onMessage("MARKET_VOLUME", ({ data }) => {
    const quote = quotes.get(data.symbol);
    if (quote !== undefined) quote.volume = data;
    redraw(renderMarket);
  });
  market.onMessage("MARKET_SENTIMENT", ({ data }) => {
    const quote = quotes.get(data.symbol);
    if (quote !== undefined) quote.sentiment = data;
    redraw(renderMarket);
  });

  wallet.onMessage("PORTFOLIO_UPDATED", ({ data }) => {
    portfolio = data;
    redraw(renderPortfolio);
  });
  wallet.onMessage("TRADE_EXECUTED", ({ data }) => {
    prepend(trades, data, FEED_LENGTH);
    redraw(renderTrades);
  });
  wallet.on("resumed", (r) => log(r.recovered ? `portfolio resumed: ${r.replayed} missed trades replayed` : "portfolio resumed: trades were missed", "resumed"));

  competition.onMessage("CONTEST_UPDATED", ({ data }) => {
    contest = data;
    redraw(renderContest);
  });
  competition.onMessage("LEADERBOARD_UPDATED", ({ data }) => {
    leaderboard = data.leaderboard;
    redraw(renderLeaderboard);
  });
  competition.onMessage("PARTICIPANT_ACTIVITY", ({ data }) => {
    prepend(activity, data, FEED_LENGTH);
    redraw(renderActivity);
  });
  competition.on("resumed", (r) => log(r.recovered ? `contest resumed: ${r.replayed} missed events replayed` : "contest resumed: activity was missed", "resumed"));

  for (const channel of Object.values(channels)) channel.connect();
}
