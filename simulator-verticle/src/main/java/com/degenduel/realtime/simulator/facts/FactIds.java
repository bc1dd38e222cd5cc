package com.degenduel.realtime.simulator.facts;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ids of the facts and contests the simulator reports. The services remember fact ids for days
 * across the cluster, so ids carry a tag of this simulator run: a restarted simulator reporting
 * to a cluster that outlived it does not see its fresh facts taken for repeats.
 */
public final class FactIds {
  private final String run;
  /** One count per kind, so contests are numbered 1, 2, 3 whatever else was reported in between. */
  private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

  public FactIds(String run) {
    this.run = run;
  }

  public static FactIds forThisRun() {
    return new FactIds(Long.toString(System.currentTimeMillis(), 36));
  }

  /** {@code sim-<run>-<kind>-<n>}: at most 64 characters of letters, digits and '-'. */
  public String next(String kind) {
    return "sim-" + run + "-" + kind + "-" + counters.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
  }
}
