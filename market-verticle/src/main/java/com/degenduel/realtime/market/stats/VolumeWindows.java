package com.degenduel.realtime.market.stats;

import com.degenduel.realtime.codec.message.market.VolumeInterval;
import com.degenduel.realtime.market.source.Trade;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * MARKET_VOLUME's numbers: for each interval a ROLLING window (not aligned to the clock), kept as
 * {@value #BUCKETS} buckets of 1/60 of the interval (1 s for 1m, 24 min for 1d). The window at
 * {@code now} is the bucket holding {@code now} plus the 59 before it, so it spans between 59/60 of
 * the interval and the whole interval; older trades have left it.
 */
public final class VolumeWindows {
  static final int BUCKETS = 60;

  private final Map<VolumeInterval, FlowRing> rings = new EnumMap<>(VolumeInterval.class);

  public VolumeWindows() {
    for (VolumeInterval interval : VolumeInterval.values()) {
      rings.put(interval, new FlowRing(interval.length().dividedBy(BUCKETS), BUCKETS));
    }
  }

  public void add(Trade trade) {
    rings.values().forEach(r -> r.add(trade));
  }

  public Flow over(VolumeInterval interval, Instant now) {
    return rings.get(interval).sum(now, 0, BUCKETS);
  }
}
