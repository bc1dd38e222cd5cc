package com.degenduel.realtime.codec.stream;

/** The three families of streams, one per WebSocket endpoint. */
public enum StreamKind {
  /** Keyed by symbol (BTC). */
  MARKET,
  /** Keyed by wallet address. */
  WALLET,
  /** Keyed by contest id. */
  CONTEST
}
