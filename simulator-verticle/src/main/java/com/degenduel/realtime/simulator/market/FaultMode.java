package com.degenduel.realtime.simulator.market;

import java.util.Locale;
import java.util.Optional;

/** How the simulated exchange misbehaves, switched at run time to exercise the market's breaker. */
public enum FaultMode {
  /** Answers normally. */
  NONE,
  /** Answers HTTP 500. */
  ERRORS,
  /** Never answers: the caller's timeout has to end the call. */
  STALL,
  /** Answers 200 with a body that is not JSON, or JSON of the wrong shape. */
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
