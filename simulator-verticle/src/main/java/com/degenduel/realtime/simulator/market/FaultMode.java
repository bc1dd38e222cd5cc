package com.degenduel.realtime.simulator.market;

import java.util.Locale;
import java.util.Optional;

/**
 * How the simulated exchange misbehaves, switched at run time to exercise the market's breaker.
 * Each mode applies to the REST API and to the WebSocket stream alike.
 */
public enum FaultMode {
  /** Answers normally. */
  NONE,
  /** REST answers HTTP 500; the stream drops its connections and refuses new ones with HTTP 500. */
  ERRORS,
  /** REST never answers; the stream keeps its connections open and sends nothing on them. */
  STALL,
  /** REST answers 200 with a body that is not JSON or of the wrong shape; the stream sends such frames instead of trades. */
  GARBAGE;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<FaultMode> fromWire(String mode) {
    for (FaultMode m : values()) {
      if (m.wire().equals(mode)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
