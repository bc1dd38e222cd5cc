package com.degenduel.realtime.market.stats;

/**
 * A symbol's last 24 hours: {@code open} is the first price in the window (the price 24 hours ago
 * at minute resolution, or the earliest price seen while less than a day has been seen), {@code
 * volume} is in the base asset.
 */
public record DaySummary(double open, double high, double low, double volume) {
  /** Percent change from {@code open} to {@code price}: 65 000 after 60 000 is 8.333... */
  public double changePercent(double price) {
    return (price - open) / open * 100.0;
  }
}
