package com.degenduel.realtime.simulator.facts;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Ids of the facts and contests the simulator reports. The services remember fact ids for days
 * across the cluster, so ids carry a tag of this simulator run: a restarted simulator reporting
 * to a cluster that outlived it does not see its fresh facts taken for repeats.
 */
public final class FactIds {
  private final String run;
  private final AtomicLong counter = new AtomicLong();

  public FactIds(String run) {
    this.run = run;
  }

  public static FactIds forThisRun() {
    return new FactIds(Long.toString(System.currentTimeMillis(), 36));
  }

  /** {@code sim-<run>-<kind>-<n>}: at most 64 characters of letters, digits and '-'. */
  public String next(String kind) {
    return "sim-" + run + "-" + kind + "-" + counter.incrementAndGet();
  }
}
