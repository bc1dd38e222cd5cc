package com.degenduel.realtime.gateway.security;

/**
 * Inbound messages of one connection: a token bucket of {@code perSecond} tokens refilled
 * continuously, and strikes for each message over the limit. A client that keeps going after
 * {@code maxStrikes} warnings within ten seconds is closed. Confined to the connection's event loop.
 */
public final class MessageRateLimiter {
  private static final long STRIKE_WINDOW_NANOS = 10_000_000_000L;

  public enum Verdict {
    ALLOW,
    WARN,
    CLOSE
  }

  private final double perSecond;
  private final int maxStrikes;
  private double tokens;
  private long refilledAt;
  private int strikes;
  private long firstStrikeAt;

  public MessageRateLimiter(int perSecond, int maxStrikes, long nowNanos) {
    this.perSecond = perSecond;
    this.maxStrikes = maxStrikes;
    this.tokens = perSecond;
    this.refilledAt = nowNanos;
  }

  public Verdict onMessage(long nowNanos) {
    tokens = Math.min(perSecond, tokens + (nowNanos - refilledAt) * perSecond / 1e9);
    refilledAt = nowNanos;
    if (tokens >= 1) {
      tokens -= 1;
      return Verdict.ALLOW;
    }
    if (strikes == 0 || nowNanos - firstStrikeAt > STRIKE_WINDOW_NANOS) {
      strikes = 0;
      firstStrikeAt = nowNanos;
    }
    strikes++;
    return strikes > maxStrikes ? Verdict.CLOSE : Verdict.WARN;
  }
}
