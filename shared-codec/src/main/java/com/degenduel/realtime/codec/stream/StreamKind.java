package com.degenduel.realtime.codec.stream;

/** The three families of streams, one per WebSocket endpoint. */
public enum StreamKind {
  /** Keyed by symbol (BTC). */
  MARKET(false, false),
  /** Keyed by wallet address. */
  WALLET(true, true),
  /** Keyed by contest id. */
  CONTEST(true, true);

  private final boolean watchedByInterest;
  private final boolean carriesEvents;

  StreamKind(boolean watchedByInterest, boolean carriesEvents) {
    this.watchedByInterest = watchedByInterest;
    this.carriesEvents = carriesEvents;
  }

  /**
   * Whether its service publishes a stream only while gateways declare interest in it ({@link
   * StreamInterest}); market symbols are few and always published.
   */
  public boolean watchedByInterest() {
    return watchedByInterest;
  }

  /**
   * Whether its streams carry events (TRADE_EXECUTED, PARTICIPANT_ACTIVITY), numbered without gaps
   * and kept in a history, besides states; market streams carry states only.
   */
  public boolean carriesEvents() {
    return carriesEvents;
  }
}
