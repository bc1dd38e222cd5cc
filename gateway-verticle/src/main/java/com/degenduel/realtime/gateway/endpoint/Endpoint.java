package com.degenduel.realtime.gateway.endpoint;

import com.degenduel.realtime.codec.stream.StreamKind;

/** The three public WebSocket endpoints of the frontend contract. */
public enum Endpoint {
  PORTFOLIO("/api/v2/ws/portfolio", StreamKind.WALLET),
  CONTEST("/api/v2/ws/contest/", StreamKind.CONTEST),
  MARKET("/api/v2/ws/market", StreamKind.MARKET);

  private final String path;
  private final StreamKind kind;

  Endpoint(String path, StreamKind kind) {
    this.path = path;
    this.kind = kind;
  }

  public StreamKind kind() {
    return kind;
  }

  /** The endpoint whose clients watch streams of {@code kind}. */
  public static Endpoint serving(StreamKind kind) {
    for (Endpoint e : values()) {
      if (e.kind == kind) {
        return e;
      }
    }
    throw new IllegalArgumentException("no endpoint serves " + kind);
  }

  /** The endpoint a request path names, or null. The contest path carries the contest id after its prefix. */
  public static Endpoint of(String requestPath) {
    if (requestPath == null) {
      return null;
    }
    if (requestPath.equals(PORTFOLIO.path)) {
      return PORTFOLIO;
    }
    if (requestPath.equals(MARKET.path)) {
      return MARKET;
    }
    if (requestPath.startsWith(CONTEST.path)) {
      return CONTEST;
    }
    return null;
  }

  String contestIdOf(String requestPath) {
    return requestPath.substring(CONTEST.path.length());
  }
}
