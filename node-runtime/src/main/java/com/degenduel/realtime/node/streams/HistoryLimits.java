package com.degenduel.realtime.node.streams;

import java.time.Duration;

/**
 * How much of a stream's event history its record keeps for reconnecting clients: at most {@code
 * events} events and none older than {@code age}, whichever is less. Memory is the cost: every
 * kept event lives in the record and its backup.
 */
public record HistoryLimits(int events, Duration age) {
  public HistoryLimits {
    if (events < 1 || age.isNegative() || age.isZero()) {
      throw new IllegalArgumentException("a stream keeps at least one event for some time");
    }
  }
}
