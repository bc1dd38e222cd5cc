'use strict';
/*
 * Baseline for BENCHMARKS.md: a plain, single-process Node `ws` server that speaks the DegenDuel
 * WebSocket contract (same endpoints, same message shapes and key order, same `seq` numbering)
 * and generates the streams itself at the seed's rates, so that `./degenduel-ws loadtest` can
 * measure it exactly as it measures the gateway. Run it with bench/node-compare.sh.
 *
 * What it does, like the gateway's system in bench/run.sh seed-rates:
 *   /api/v2/ws/market?symbols=BTC,ETH   per symbol a synthetic trade 9 times a second; each trade
 *                                        sends MARKET_PRICE, MARKET_SENTIMENT and MARKET_VOLUME of
 *                                        the six intervals as the market service's cap lets them
 *                                        out: at most 10 per symbol in any sliding 1.02 s, the
 *                                        longest-waiting interval first, the rest held for a later
 *                                        trade or, 250 ms after the window opens, a timer (about
 *                                        one per trade at 9 trades a second; at one, four with the
 *                                        trade and two on the timer). Snapshot: the latest
 *                                        MARKET_PRICE.
 *   /api/v2/ws/portfolio                 per wallet (the token's `sub`) PORTFOLIO_UPDATED and
 *                                        PRICE_UPDATED of the one token it holds, once a second.
 *                                        Snapshot: the current PORTFOLIO_UPDATED.
 *   /api/v2/ws/contest/:contestId        per contest LEADERBOARD_UPDATED twice a second (20
 *                                        participants) and CONTEST_UPDATED once a second (its
 *                                        time_remaining counts down). Snapshot: both, current.
 *   `seq` counts per stream, type and key (the interval of MARKET_VOLUME, the symbol of
 *   PRICE_UPDATED), from 1; a snapshot carries the seq of the last message published on its lane.
 *   Timestamps are the trade's time (market, PRICE_UPDATED) or the time the state was computed.
 *   As in our portfolio service (1/s cap, latest price when the window ends), PRICE_UPDATED's
 *   latency therefore includes the price's age: up to one trade interval (111 ms).
 *   PING gets PONG.
 *
 * What it deliberately does NOT do (it is a plain baseline, not a second implementation):
 *   - no token verification: the session token offered as the subprotocol is echoed and its
 *     payload decoded (base64, unverified) only to learn the wallet; no expiry, refresh or roles;
 *   - no rate limits, origin checks, per-wallet caps, heartbeat timeouts, slow-consumer handling
 *     (ws buffers without bound for a client that does not read), SUBSCRIBE/UNSUBSCRIBE, cluster,
 *     failover or ingestion API; contests exist as soon as someone watches them.
 * Broadcast is what a plain ws server does: build each message's JSON string once and
 * `client.send()` it to every subscriber.
 *
 * Usage: node server.js [--port 38443] [--host 0.0.0.0] [--key key.pem] [--cert cert.pem]
 *        (or NODE_WS_PORT, NODE_WS_HOST, NODE_WS_KEY, NODE_WS_CERT; NODE_WS_SYMBOLS,
 *        NODE_WS_PARTICIPANTS, NODE_WS_TRADES_PER_SECOND)
 */
const fs = require('fs');
const https = require('https');
const { monitorEventLoopDelay } = require('perf_hooks');
const { WebSocketServer, WebSocket } = require('ws');

function option(name, env, fallback) {
  const i = process.argv.indexOf('--' + name);
  if (i >= 0 && i + 1 < process.argv.length) return process.argv[i + 1];
  return process.env[env] || fallback;
}

const PORT = Number(option('port', 'NODE_WS_PORT', '38443'));
const HOST = option('host', 'NODE_WS_HOST', '0.0.0.0');
const KEY = option('key', 'NODE_WS_KEY', null);
const CERT = option('cert', 'NODE_WS_CERT', null);
const SYMBOLS = option('symbols', 'NODE_WS_SYMBOLS', 'BTC,ETH,SOL,BNB,XRP,ADA,DOGE,AVAX,DOT,LINK').split(',');
const PARTICIPANTS = Number(option('participants', 'NODE_WS_PARTICIPANTS', '20'));
const TRADES_PER_SECOND = Number(option('trades-per-second', 'NODE_WS_TRADES_PER_SECOND', '9'));
/** The market service's cap (ConflatingPublisher): a sliding second plus its guard, and the wait for a quiet symbol's held values. */
const VOLUME_WINDOW_MS = 1020;
const QUIET_GRACE_MS = 250;
if (!KEY || !CERT) {
  console.error('usage: node server.js --key key.pem --cert cert.pem [--port 38443] [--host 0.0.0.0]');
  process.exit(2);
}

const NAMES = {
  BTC: 'Bitcoin', ETH: 'Ethereum', SOL: 'Solana', BNB: 'BNB', XRP: 'XRP', ADA: 'Cardano',
  DOGE: 'Dogecoin', AVAX: 'Avalanche', DOT: 'Polkadot', LINK: 'Chainlink',
};
const START_PRICES = {
  BTC: 67000, ETH: 3500, SOL: 150, BNB: 600, XRP: 0.6, ADA: 0.45, DOGE: 0.15, AVAX: 35, DOT: 7, LINK: 15,
};
const INTERVALS = [['1m', 60e3], ['5m', 300e3], ['15m', 900e3], ['1h', 3600e3], ['4h', 14400e3], ['1d', 86400e3]];
const SYMBOL_PATTERN = /^[A-Z0-9]{1,15}$/;
const CONTEST_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

const round = (x, places) => {
  const f = 10 ** places;
  return Math.round(x * f) / f;
};
const iso = (millis) => new Date(millis).toISOString(); // yyyy-MM-ddTHH:mm:ss.SSSZ, as the contract has it

let sent = 0;
function broadcast(clients, frame) {
  for (const client of clients) {
    if (client.readyState === WebSocket.OPEN) {
      client.send(frame);
      sent++;
    }
  }
}

function error(socket, code, message, closeCode) {
  socket.send(JSON.stringify({ type: 'ERROR', error: { code, message } }));
  if (closeCode) socket.close(closeCode);
}

// ---- Market ---------------------------------------------------------------------------------

class Market {
  constructor(symbol) {
    this.symbol = symbol;
    this.price = START_PRICES[symbol] || 10;
    this.open = this.price;
    this.high = this.price;
    this.low = this.price;
    this.volume24h = 0;
    this.buyPressure = 0.5;
    this.fastVolume = 0;
    this.slowVolume = 0;
    this.intervals = INTERVALS.map(([name, length]) => ({
      name, length, start: Date.now(), volume: 0, trades: 0, buy: 0, sell: 0, seq: 0,
    }));
    /** Intervals updated since they last went out, longest-waiting first; when the last 10 went out. */
    this.heldVolumes = [];
    this.volumeTimes = [];
    this.volumeTimer = null;
    this.priceSeq = 0;
    this.sentimentSeq = 0;
    this.lastTradeMillis = 0;
    this.lastPriceFrame = null;
    this.subscribers = new Set();
  }

  /** One synthetic trade: updates the statistics and sends the three messages it produces. */
  trade() {
    const now = Date.now();
    const timestamp = iso(now);
    const buy = Math.random() < 0.5 + (this.open - this.price) / this.open; // drifts back to the open
    const amount = round(Math.random() * 2, 4);
    this.price = round(this.price * (1 + (Math.random() - 0.5) * 0.002), 6);
    this.high = Math.max(this.high, this.price);
    this.low = Math.min(this.low, this.price);
    this.volume24h += amount;
    this.lastTradeMillis = now;
    for (const i of this.intervals) {
      if (now - i.start >= i.length) Object.assign(i, { start: now, volume: 0, trades: 0, buy: 0, sell: 0 });
      i.volume += amount;
      i.trades++;
      if (buy) i.buy += amount; else i.sell += amount;
    }
    this.buyPressure = this.buyPressure * 0.9 + (buy ? 0.1 : 0);
    this.fastVolume = this.fastVolume * 0.8 + amount * 0.2;
    this.slowVolume = this.slowVolume * 0.98 + amount * 0.02;

    this.lastPriceFrame = JSON.stringify({
      type: 'MARKET_PRICE',
      seq: ++this.priceSeq,
      data: {
        symbol: this.symbol,
        price: this.price,
        change_24h: round(((this.price - this.open) / this.open) * 100, 4),
        volume_24h: round(this.volume24h, 4),
        high_24h: this.high,
        low_24h: this.low,
        timestamp,
      },
    });
    broadcast(this.subscribers, this.lastPriceFrame);

    const trend = this.fastVolume > this.slowVolume * 1.1 ? 'increasing'
      : this.fastVolume < this.slowVolume * 0.9 ? 'decreasing' : 'stable';
    broadcast(this.subscribers, JSON.stringify({
      type: 'MARKET_SENTIMENT',
      seq: ++this.sentimentSeq,
      data: {
        symbol: this.symbol,
        sentiment_score: round(this.buyPressure * 2 - 1, 4),
        buy_pressure: round(this.buyPressure, 4),
        sell_pressure: round(1 - this.buyPressure, 4),
        volume_trend: trend,
        timestamp,
      },
    }));

    for (const v of this.intervals) {
      v.timestamp = timestamp;
      if (!this.heldVolumes.includes(v)) this.heldVolumes.push(v);
    }
    this.releaseVolumes(now);
  }

  /**
   * Sends the held MARKET_VOLUME intervals the cap has room for, longest-waiting first, as the
   * market service's cap does: what it has no room for leaves with the next trade, or on a timer
   * QUIET_GRACE_MS after the window opens if no trade comes first.
   */
  releaseVolumes(now) {
    while (this.heldVolumes.length > 0 && this.volumeRoom(now)) {
      const v = this.heldVolumes.shift();
      this.volumeTimes.push(now);
      broadcast(this.subscribers, JSON.stringify({
        type: 'MARKET_VOLUME',
        seq: ++v.seq,
        data: {
          symbol: this.symbol,
          volume: round(v.volume, 4),
          trades_count: v.trades,
          buy_volume: round(v.buy, 4),
          sell_volume: round(v.sell, 4),
          interval: v.name,
          timestamp: v.timestamp,
        },
      }));
    }
    if (this.heldVolumes.length === 0) {
      clearTimeout(this.volumeTimer);
      this.volumeTimer = null;
    } else if (!this.volumeTimer) {
      const wait = this.volumeTimes[0] + VOLUME_WINDOW_MS - now + QUIET_GRACE_MS;
      this.volumeTimer = setTimeout(() => {
        this.volumeTimer = null;
        this.releaseVolumes(Date.now());
      }, Math.max(1, wait));
    }
  }

  /** Whether the contract's 10 MARKET_VOLUME per symbol in any sliding window leaves room now. */
  volumeRoom(now) {
    while (this.volumeTimes.length > 0 && now - this.volumeTimes[0] >= VOLUME_WINDOW_MS) this.volumeTimes.shift();
    return this.volumeTimes.length < 10;
  }

  /** Trades at exactly TRADES_PER_SECOND on average: each due time is computed from the start, never from the last run. */
  start(offsetMs) {
    const period = 1000 / TRADES_PER_SECOND;
    let due = Date.now() + offsetMs;
    const tick = () => {
      this.trade();
      due += period;
      setTimeout(tick, Math.max(0, due - Date.now()));
    };
    setTimeout(tick, offsetMs);
  }
}

const markets = new Map(SYMBOLS.map((s) => [s, new Market(s)]));
SYMBOLS.forEach((s, i) => markets.get(s).start(Math.round((i * 1000) / TRADES_PER_SECOND / SYMBOLS.length)));

function openMarket(socket, url) {
  const list = (url.searchParams.get('symbols') || '').split(',').filter((s) => s.length > 0);
  if (list.length === 0 || list.length > 50 || !list.every((s) => SYMBOL_PATTERN.test(s))) {
    error(socket, 'INVALID_SYMBOLS', 'The symbol list is missing, empty, malformed or too long', 1008);
    return;
  }
  const watched = [];
  for (const symbol of new Set(list)) {
    const market = markets.get(symbol);
    if (!market) {
      error(socket, 'UNKNOWN_SYMBOL', 'The symbol is not traded here');
      continue;
    }
    if (market.lastPriceFrame) socket.send(market.lastPriceFrame);
    market.subscribers.add(socket);
    watched.push(market);
  }
  socket.on('close', () => watched.forEach((m) => m.subscribers.delete(socket)));
}

// ---- Portfolio ------------------------------------------------------------------------------

function hash(s) {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h >>> 0;
}

class Wallet {
  constructor(address) {
    this.address = address;
    this.symbol = SYMBOLS[hash(address) % SYMBOLS.length];
    this.amount = 1 + (hash(address + '#') % 100) / 10;
    this.costBasis = markets.get(this.symbol).price * this.amount;
    this.portfolioSeq = 0;
    this.priceSeq = 0;
    this.subscribers = new Set();
    this.timer = null;
  }

  portfolioFrame(seq) {
    const value = round(markets.get(this.symbol).price * this.amount, 2);
    return JSON.stringify({
      type: 'PORTFOLIO_UPDATED',
      seq,
      data: {
        tokens: [{ symbol: this.symbol, name: NAMES[this.symbol] || this.symbol, amount: this.amount, value }],
        total_value: value,
        performance_24h: round(((value - this.costBasis) / this.costBasis) * 100, 4),
      },
      timestamp: iso(Date.now()),
    });
  }

  publish() {
    broadcast(this.subscribers, this.portfolioFrame(++this.portfolioSeq));
    const market = markets.get(this.symbol);
    if (market.lastTradeMillis > 0) {
      broadcast(this.subscribers, JSON.stringify({
        type: 'PRICE_UPDATED',
        seq: ++this.priceSeq,
        data: {
          symbol: this.symbol,
          price: market.price,
          change_24h: round(((market.price - market.open) / market.open) * 100, 4),
          timestamp: iso(market.lastTradeMillis),
        },
      }));
    }
  }

  add(socket) {
    socket.send(this.portfolioFrame(this.portfolioSeq));
    this.subscribers.add(socket);
    if (!this.timer) this.timer = setInterval(() => this.publish(), 1000);
  }

  remove(socket) {
    this.subscribers.delete(socket);
    if (this.subscribers.size === 0) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }
}

const wallets = new Map();
let anonymous = 0;

/** The token's `sub`, read without verifying anything; a connection of its own when there is none. */
function walletOf(token) {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
    if (typeof payload.sub === 'string' && payload.sub.length > 0) return payload.sub;
  } catch (e) {
    // not a JWT: fall through
  }
  return 'anonymous-' + ++anonymous;
}

function openPortfolio(socket, token) {
  const address = walletOf(token);
  let wallet = wallets.get(address);
  if (!wallet) wallets.set(address, (wallet = new Wallet(address)));
  wallet.add(socket);
  socket.on('close', () => wallet.remove(socket));
}

// ---- Contest --------------------------------------------------------------------------------

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

class Contest {
  constructor(id) {
    this.id = id;
    this.startedAt = Date.now();
    this.endsAt = this.startedAt + 3600e3;
    this.symbol = SYMBOLS[0];
    const startPrice = markets.get(this.symbol).price;
    this.participants = [];
    for (let p = 0; p < PARTICIPANTS; p++) {
      let wallet = 'NodeGame';
      while (wallet.length < 44) wallet += BASE58[hash(id + ':' + p + ':' + wallet.length) % 58];
      const amount = (1e6 / startPrice) * (0.5 + Math.random());
      this.participants.push({
        wallet, username: 'player' + p, amount, cash: 1e6 - amount * startPrice, lastTrade: iso(this.startedAt),
      });
    }
    this.contestSeq = 0;
    this.leaderboardSeq = 0;
    this.subscribers = new Set();
    this.timers = [];
  }

  contestFrame(seq) {
    return JSON.stringify({
      type: 'CONTEST_UPDATED',
      seq,
      data: {
        contest_id: this.id,
        status: 'active',
        current_round: 1,
        time_remaining: Math.max(0, Math.floor((this.endsAt - Date.now()) / 1000)),
        total_participants: this.participants.length,
        total_prize_pool: 10000,
      },
    });
  }

  leaderboardFrame(seq) {
    const price = markets.get(this.symbol).price;
    const rows = this.participants
      .map((p) => ({ p, value: p.cash + p.amount * price }))
      .sort((a, b) => b.value - a.value)
      .map(({ p, value }, i) => ({
        rank: i + 1,
        wallet_address: p.wallet,
        username: p.username,
        portfolio_value: round(value, 2),
        performance: round(((value - 1e6) / 1e6) * 100, 4),
        last_trade_time: p.lastTrade,
      }));
    return JSON.stringify({
      type: 'LEADERBOARD_UPDATED',
      seq,
      data: { contest_id: this.id, leaderboard: rows, timestamp: iso(Date.now()) },
    });
  }

  add(socket) {
    socket.send(this.contestFrame(this.contestSeq));
    socket.send(this.leaderboardFrame(this.leaderboardSeq));
    this.subscribers.add(socket);
    if (this.timers.length === 0) {
      this.timers.push(setInterval(() => broadcast(this.subscribers, this.leaderboardFrame(++this.leaderboardSeq)), 500));
      this.timers.push(setInterval(() => broadcast(this.subscribers, this.contestFrame(++this.contestSeq)), 1000));
    }
  }

  remove(socket) {
    this.subscribers.delete(socket);
    if (this.subscribers.size === 0) {
      this.timers.forEach(clearInterval);
      this.timers = [];
    }
  }
}

const contests = new Map();

function openContest(socket, id) {
  if (!CONTEST_PATTERN.test(id)) {
    error(socket, 'INVALID_CONTEST_ID', 'The contest id is malformed', 4004);
    return;
  }
  let contest = contests.get(id);
  if (!contest) contests.set(id, (contest = new Contest(id)));
  contest.add(socket);
  socket.on('close', () => contest.remove(socket));
}

// ---- Server ---------------------------------------------------------------------------------

const server = https.createServer({ key: fs.readFileSync(KEY), cert: fs.readFileSync(CERT) }, (req, res) => {
  res.writeHead(req.url.startsWith('/api/v2/ws/') ? 426 : 404);
  res.end();
});
const wss = new WebSocketServer({
  server,
  perMessageDeflate: false,
  maxPayload: 16 * 1024,
  // The session token is offered as the subprotocol; echo it (browsers abort a handshake otherwise).
  handleProtocols: (protocols) => (protocols.size > 0 ? protocols.values().next().value : false),
});

wss.on('connection', (socket, req) => {
  socket.on('error', () => {});
  socket.on('message', (data, isBinary) => {
    let type;
    try {
      type = isBinary ? undefined : JSON.parse(data.toString('utf8')).type;
    } catch (e) {
      type = undefined;
    }
    if (type === 'PING') socket.send(JSON.stringify({ type: 'PONG', timestamp: iso(Date.now()) }));
    else if (type === undefined) error(socket, 'INVALID_MESSAGE', 'The message is not a valid protocol message');
    else error(socket, 'NOT_SUPPORTED', 'This endpoint does not take that message');
  });
  const token = socket.protocol;
  if (!token) {
    error(socket, 'AUTH_MISSING', 'No session token was offered as the WebSocket subprotocol', 4001);
    return;
  }
  const url = new URL(req.url, 'https://localhost');
  if (url.pathname === '/api/v2/ws/market') openMarket(socket, url);
  else if (url.pathname === '/api/v2/ws/portfolio') openPortfolio(socket, token);
  else if (url.pathname.startsWith('/api/v2/ws/contest/')) openContest(socket, decodeURIComponent(url.pathname.slice(19)));
  else error(socket, 'NOT_FOUND', 'No such endpoint', 4004);
});

// Every 10 s: open sockets, frames sent per second, and how late the event loop ran (if it is
// late, everything this process does waits: handshakes and every subscriber's frames).
let lastSent = 0;
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
setInterval(() => {
  const rate = (sent - lastSent) / 10;
  lastSent = sent;
  console.log(`${iso(Date.now())} connections ${wss.clients.size} frames/s ${rate.toFixed(0)} ` +
    `rss ${(process.memoryUsage.rss() / 1048576).toFixed(0)} MiB event-loop delay p99 ` +
    `${(loopDelay.percentile(99) / 1e6).toFixed(1)} ms max ${(loopDelay.max / 1e6).toFixed(1)} ms`);
  loopDelay.reset();
}, 10000).unref();

server.listen(PORT, HOST, () => console.log(`node ws baseline (ws ${require('ws/package.json').version}, node ${process.version}) on wss://${HOST}:${PORT}`));
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0));
