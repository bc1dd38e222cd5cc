package com.degenduel.realtime.codec.stream;

import java.util.Objects;

/** Names one stream: the market of a symbol, the portfolio of a wallet, or one contest. */
public record StreamId(StreamKind kind, String key) {

  public StreamId {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(key, "key");
  }

  public static StreamId market(String symbol) {
    return new StreamId(StreamKind.MARKET, symbol);
  }

  public static StreamId wallet(String walletAddress) {
    return new StreamId(StreamKind.WALLET, walletAddress);
  }

  public static StreamId contest(String contestId) {
    return new StreamId(StreamKind.CONTEST, contestId);
  }

  /** The event-bus address this stream's messages are published to. */
  public String address() {
    return Addresses.of(this);
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase() + ":" + key;
  }
}
