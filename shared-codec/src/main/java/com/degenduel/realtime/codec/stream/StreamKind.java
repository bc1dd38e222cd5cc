package com.degenduel.realtime.codec.stream;

/** The three families of streams, one per WebSocket endpoint. */
public enum StreamKind {
  /** Keyed by symbol (BTC). */
  MARKET(false),
  /** Keyed by wallet address. */
  WALLET(true),
  /** Keyed by contest id. */
  CONTEST(true);

  private final boolean watchedByInterest;

  StreamKind(boolean watchedByInterest) {
    this.watchedByInterest = watchedByInterest;
  }

  /**
   * Whether its service publishes a stream only while gateways declare interest in it ({@link
   * StreamInterest}); market symbols are few and always published.
   */
  public boolean watchedByInterest() {
    return watchedByInterest;
  }
}
