package com.degenduel.realtime.market.source;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Waits between reconnection attempts: doubling from {@link #FIRST_MS} up to a bound, each drawn
 * at random between half and all of it, so that replicas cut off together do not come back in
 * step and an exchange that just recovered is not hit by all of them in the same instant.
 */
public final class Backoff {
  static final long FIRST_MS = 100;

  private final long maxMs;
  private int failures;

  public Backoff(long maxMs) {
    this.maxMs = Math.max(FIRST_MS, maxMs);
  }

  /** The wait before the next attempt; each call counts one more failed attempt. */
  public long nextDelayMs() {
    long ceiling = Math.min(maxMs, FIRST_MS << Math.min(failures, 20));
    failures++;
    return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
  }

  /** The connection works again: the next wait starts from the shortest. */
  public void reset() {
    failures = 0;
  }
}
