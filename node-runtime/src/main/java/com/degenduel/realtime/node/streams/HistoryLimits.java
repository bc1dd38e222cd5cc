package com.degenduel.realtime.node.streams;

import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import java.time.Duration;

/**
 * How much of a stream's event history its record keeps for reconnecting clients: at most {@code
 * events} events and none older than {@code age}, whichever is less. Memory is the cost: every
 * kept event lives in the record and its backup.
 */
public record HistoryLimits(int events, Duration age) {
  /** The service's limit of events per stream, and the age limit every service shares. */
  public static HistoryLimits of(NodeConfig config, Setting events) {
    return new HistoryLimits(config.getInt(events), Duration.ofSeconds(config.getInt(Setting.STREAMS_HISTORY_SECONDS)));
  }

  /** For streams of state messages only, which have no events to keep. */
  public static HistoryLimits stateOnly() {
    return new HistoryLimits(1, Duration.ofSeconds(1));
  }

  public HistoryLimits {
    if (events < 1 || age.isNegative() || age.isZero()) {
      throw new IllegalArgumentException("a stream keeps at least one event for some time");
    }
  }
}
