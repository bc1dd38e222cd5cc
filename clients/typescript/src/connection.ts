import { backoffDelay, type ReconnectOptions } from "./backoff.js";
import { shouldRetry } from "./closeCodes.js";
import { Emitter } from "./emitter.js";
import type { ClientMessage, ErrorMessage, MessageOfType, Resumed, ServerMessage } from "./messages.js";

/** What the client needs of a WebSocket: the browser's `WebSocket`, or `ws` in Node. */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocketLike;

/**
 * - `idle`: not connected yet; call `connect()`.
 * - `connecting`: a handshake is under way.
 * - `open`: connected; messages flow.
 * - `reconnecting`: the connection was lost; the next attempt waits for its backoff delay.
 * - `closed`: the app called `close()`.
 * - `stopped`: the server closed with a "do not retry" code (e.g. 4001: get a fresh token, then `connect()`).
 * - `restart_required`: every reconnection attempt failed; show it, and `connect()` when the user asks.
 */
export type ConnectionState = "idle" | "connecting" | "open" | "reconnecting" | "closed" | "stopped" | "restart_required";

export interface StateChange {
  state: ConnectionState;
  /** `reconnecting`: the number of the attempt that comes next, from 1. */
  attempt?: number;
  /** `reconnecting`: how long until that attempt. */
  delayMs?: number;
  /** The close code that led here; absent when the client itself gave the connection up (heartbeat). */
  closeCode?: number;
  closeReason?: string;
  /** The last ERROR the server sent on the lost connection (it sends one before every close the client caused). */
  lastError?: ErrorMessage;
}

export interface HeartbeatOptions {
  /** How often to send PING. Default: the gateway's interval, 15 s on market, 30 s elsewhere. */
  intervalMs?: number;
  /** A PING unanswered this long means the connection is dead: it is dropped and reconnected. Default 10 s. */
  pongTimeoutMs?: number;
}

/** Where a connection gets its token, shared by every channel of one client. */
export interface TokenSource {
  current(): string;
  /** A token to replace `stale` with: a fresh one from the app, or one another channel already got. */
  refresh(stale: string): Promise<string>;
}

/** Where a client stands in a portfolio or contest stream: the last event it processed. */
export interface StreamPosition {
  seq: number;
  epoch: string;
}

/** What the server said of a resume: whether every missed event follows, and how many. */
export interface ResumeOutcome {
  recovered: boolean;
  replayed: number;
  fromSeq: number;
}

export interface ConnectionSettings {
  url: string;
  /**
   * Portfolio and contest: reconnect where the last event left off (`since` and `epoch`), and
   * reconnect at once on a gap in live events. The position to start from, if the app kept one.
   */
  resume?: { from?: StreamPosition };
  tokens: TokenSource;
  WebSocket: WebSocketConstructor;
  heartbeat: Required<HeartbeatOptions>;
  reconnect: Required<ReconnectOptions>;
  random: () => number;
}

interface ConnectionEvents<M> extends Record<string, unknown> {
  state: StateChange;
  message: M;
  refreshError: unknown;
  /** After a reconnect with `since` and `epoch`: when `recovered` is false, reload what the app built from events. */
  resumed: ResumeOutcome;
}

type Timer = ReturnType<typeof setTimeout>;

/** The browsers' WebSocket.OPEN. */
const OPEN = 1;
/** The close code the client uses itself; browsers only allow 1000 and 3000-4999. */
const CLIENT_CLOSE = 1000;
/** Messages numbered without gaps by their stream's history; the rest are states, whose gaps mean conflation. */
const EVENT_TYPES: ReadonlySet<string> = new Set(["TRADE_EXECUTED", "PARTICIPANT_ACTIVITY"]);

/**
 * One WebSocket endpoint kept alive: heartbeat, reconnection with backoff and jitter, token
 * refresh, typed message events. Every socket event of a replaced socket is ignored, so a late
 * close of a socket given up on cannot disturb its successor.
 */
export class Connection<M extends ServerMessage> {
  private readonly events = new Emitter<ConnectionEvents<M>>();
  private socket: WebSocketLike | null = null;
  private current: ConnectionState = "idle";
  private attempts = 0;
  private heartbeatTimer: Timer | undefined;
  private pongTimer: Timer | undefined;
  private reconnectTimer: Timer | undefined;
  private lastError: ErrorMessage | undefined;
  private socketToken = "";
  private position: StreamPosition | undefined;

  constructor(protected readonly settings: ConnectionSettings) {
    this.position = settings.resume?.from;
  }

  get state(): ConnectionState {
    return this.current;
  }

  /** The last event processed, to keep across a page reload (`resumeFrom`); undefined before the first. */
  get lastEvent(): StreamPosition | undefined {
    return this.position;
  }

  /** Connects, or starts over after `closed`, `stopped` or `restart_required` with a fresh attempt budget. */
  connect(): this {
    if (this.current === "connecting" || this.current === "open") {
      return this;
    }
    clearTimeout(this.reconnectTimer);
    this.attempts = 0;
    this.open();
    return this;
  }

  /** Closes for good (until `connect()`); no reconnection follows. */
  close(): void {
    clearTimeout(this.reconnectTimer);
    this.drop();
    this.setState({ state: "closed" });
  }

  on<K extends keyof ConnectionEvents<M>>(event: K, listener: (value: ConnectionEvents<M>[K]) => void): () => void {
    return this.events.on(event, listener);
  }

  /** Listens to one message type, typed accordingly: `onMessage("MARKET_PRICE", m => m.data.price)`. */
  onMessage<T extends M["type"]>(type: T, listener: (message: MessageOfType<M, T>) => void): () => void {
    return this.events.on("message", (message) => {
      if (message.type === type) {
        listener(message as MessageOfType<M, T>);
      }
    });
  }

  /** Sends when open; returns whether it was sent. */
  protected send(message: ClientMessage): boolean {
    if (this.current !== "open" || this.socket === null || this.socket.readyState !== OPEN) {
      return false;
    }
    this.socket.send(JSON.stringify(message));
    return true;
  }

  /** Called on every open, first or after a reconnection: where a channel restores what it asked for. */
  protected onOpened(): void {}

  private open(): void {
    this.lastError = undefined;
    this.setState({ state: "connecting" });
    this.socketToken = this.settings.tokens.current();
    let socket: WebSocketLike;
    try {
      socket = new this.settings.WebSocket(this.url(), this.socketToken);
    } catch (error) {
      this.lost(undefined, `could not open the WebSocket: ${String(error)}`);
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (socket === this.socket) {
        this.setState({ state: "open" });
        this.startHeartbeat();
        this.onOpened();
      }
    };
    socket.onmessage = (event) => {
      if (socket === this.socket) {
        this.onFrame(event.data);
      }
    };
    socket.onclose = (event) => {
      if (socket === this.socket) {
        this.socket = null;
        this.lost(event.code, event.reason);
      }
    };
    // An error event is always followed by a close event, which decides what happens next.
    socket.onerror = () => {};
  }

  private url(): string {
    const from = this.settings.resume === undefined ? undefined : this.position;
    if (from === undefined) {
      return this.settings.url;
    }
    const separator = this.settings.url.includes("?") ? "&" : "?";
    return `${this.settings.url}${separator}since=${from.seq}&epoch=${encodeURIComponent(from.epoch)}`;
  }

  /**
   * Whether an event is new, in order: an event seen already is dropped; one past the next seq
   * means some were lost, so the connection is replaced at once by one resuming from the last
   * event processed, which gets them all.
   */
  private inOrder(message: { seq?: unknown; epoch?: unknown }): boolean {
    if (typeof message.seq !== "number" || typeof message.epoch !== "string") {
      return true;
    }
    const last = this.position;
    if (last !== undefined && last.epoch === message.epoch) {
      if (message.seq <= last.seq) {
        return false;
      }
      if (message.seq > last.seq + 1) {
        this.drop();
        this.open();
        return false;
      }
    }
    this.position = { seq: message.seq, epoch: message.epoch };
    return true;
  }

  private onResumed(message: Resumed): void {
    if (!message.data.recovered) {
      // Nothing is replayed: what follows is the live stream, from wherever it stands.
      this.position = undefined;
    }
    this.events.emit("resumed", {
      recovered: message.data.recovered,
      replayed: message.data.replayed,
      fromSeq: message.data.from_seq,
    });
  }

  private onFrame(data: unknown): void {
    if (typeof data !== "string") {
      return;
    }
    let message: M;
    try {
      message = JSON.parse(data) as M;
    } catch {
      return;
    }
    if (typeof message !== "object" || message === null || typeof message.type !== "string") {
      return;
    }
    if (message.type === "ERROR") {
      this.lastError = message as ErrorMessage;
    } else {
      // Anything but an ERROR proves the gateway admitted this connection: the attempt budget is whole again.
      this.attempts = 0;
    }
    if (message.type === "PONG") {
      clearTimeout(this.pongTimer);
      this.pongTimer = undefined;
    } else if (message.type === "TOKEN_EXPIRING") {
      this.refreshToken();
    } else if (message.type === "RESUMED") {
      this.onResumed(message as Resumed);
    } else if (this.settings.resume !== undefined && EVENT_TYPES.has(message.type) && !this.inOrder(message as { seq?: unknown; epoch?: unknown })) {
      return;
    }
    this.events.emit("message", message);
  }

  private refreshToken(): void {
    const socket = this.socket;
    this.settings.tokens.refresh(this.socketToken).then(
      (token) => {
        if (socket === this.socket && this.send({ type: "AUTH_REFRESH", token })) {
          this.socketToken = token;
        }
      },
      (error: unknown) => this.events.emit("refreshError", error),
    );
  }

  private startHeartbeat(): void {
    this.ping();
    this.heartbeatTimer = setInterval(() => this.ping(), this.settings.heartbeat.intervalMs);
  }

  private ping(): void {
    if (!this.send({ type: "PING" })) {
      return;
    }
    // The deadline runs from the first unanswered PING; later PINGs do not push it back.
    if (this.pongTimer === undefined) {
      this.pongTimer = setTimeout(() => this.onHeartbeatLost(), this.settings.heartbeat.pongTimeoutMs);
    }
  }

  private onHeartbeatLost(): void {
    this.pongTimer = undefined;
    // A dead TCP connection may take minutes to report its close; give it up now and reconnect.
    this.drop();
    this.lost(undefined, `no PONG within ${this.settings.heartbeat.pongTimeoutMs} ms`);
  }

  private lost(code: number | undefined, reason: string): void {
    this.stopHeartbeat();
    const cause = { closeCode: code, closeReason: reason, lastError: this.lastError };
    if (code !== undefined && !shouldRetry(code)) {
      this.setState({ state: "stopped", ...cause });
      return;
    }
    this.attempts += 1;
    if (this.attempts > this.settings.reconnect.maxAttempts) {
      this.setState({ state: "restart_required", ...cause });
      return;
    }
    const delayMs = backoffDelay(this.attempts, this.settings.reconnect, this.settings.random);
    this.setState({ state: "reconnecting", attempt: this.attempts, delayMs, ...cause });
    this.reconnectTimer = setTimeout(() => this.open(), delayMs);
  }

  /** Detaches and closes the current socket, if any, without reacting to its close. */
  private drop(): void {
    this.stopHeartbeat();
    const socket = this.socket;
    this.socket = null;
    if (socket !== null) {
      socket.onopen = null;
      socket.onmessage = null;
      socket.onclose = null;
      // Node's ws reports closing a socket that is still connecting as an error event: keep one listener.
      socket.onerror = () => {};
      try {
        socket.close(CLIENT_CLOSE);
      } catch {
        // a socket still connecting may refuse to close in some runtimes; it is detached either way
      }
    }
  }

  private stopHeartbeat(): void {
    clearInterval(this.heartbeatTimer);
    clearTimeout(this.pongTimer);
    this.heartbeatTimer = undefined;
    this.pongTimer = undefined;
  }

  private setState(change: StateChange): void {
    this.current = change.state;
    const defined = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) as StateChange;
    this.events.emit("state", defined);
  }
}
