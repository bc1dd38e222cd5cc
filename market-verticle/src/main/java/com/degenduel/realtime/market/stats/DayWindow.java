package com.degenduel.realtime.market.stats;

import com.degenduel.realtime.market.source.Trade;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * The rolling 24-hour window behind MARKET_PRICE: {@value #MINUTES} one-minute buckets, each with
 * its first price, high, low and volume, so memory is fixed whatever the trade rate. At {@code now}
 * the window is the minute holding {@code now} and the 1,439 before it.
 */
public final class DayWindow {
  static final int MINUTES = 24 * 60;
  private static final long MINUTE_MILLIS = Duration.ofMinutes(1).toMillis();

  private final long[] minute = new long[MINUTES];
  private final double[] open = new double[MINUTES];
  private final double[] high = new double[MINUTES];
  private final double[] low = new double[MINUTES];
  private final double[] volume = new double[MINUTES];

  public DayWindow() {
    Arrays.fill(minute, Long.MIN_VALUE);
  }

  /** Trades must come in the order they were executed, so the first one of a minute is its open. */
  public void add(Trade trade) {
    long m = Math.floorDiv(trade.time().toEpochMilli(), MINUTE_MILLIS);
    int slot = (int) Math.floorMod(m, (long) MINUTES);
    if (minute[slot] != m) {
      if (minute[slot] > m) {
        return;
      }
      minute[slot] = m;
      open[slot] = trade.price();
      high[slot] = trade.price();
      low[slot] = trade.price();
      volume[slot] = 0;
    }
    high[slot] = Math.max(high[slot], trade.price());
    low[slot] = Math.min(low[slot], trade.price());
    volume[slot] += trade.quantity();
  }

  /** Empty when no trade of the last 24 hours is known. */
  public Optional<DaySummary> at(Instant now) {
    long newest = Math.floorDiv(now.toEpochMilli(), MINUTE_MILLIS);
    long oldest = newest - MINUTES + 1;
    long openMinute = Long.MAX_VALUE;
    double openPrice = 0;
    double hi = Double.NEGATIVE_INFINITY;
    double lo = Double.POSITIVE_INFINITY;
    double vol = 0;
    for (int slot = 0; slot < MINUTES; slot++) {
      long m = minute[slot];
      if (m < oldest || m > newest) {
        continue;
      }
      if (m < openMinute) {
        openMinute = m;
        openPrice = open[slot];
      }
      hi = Math.max(hi, high[slot]);
      lo = Math.min(lo, low[slot]);
      vol += volume[slot];
    }
    return openMinute == Long.MAX_VALUE ? Optional.empty() : Optional.of(new DaySummary(openPrice, hi, lo, vol));
  }
}
