package com.degenduel.realtime.market.source;

/**
 * A symbol's last 24 hours as the exchange reports them (Binance's {@code /api/v3/ticker/24hr}):
 * what the trades a market replica has seen since it took the symbol over cannot tell. {@code
 * lastTradeId} is the newest trade the figures include, so the trades after it can be added on.
 * {@code volume} is in the base asset.
 */
public record DayTicker(double open, double high, double low, double volume, long lastTradeId) {
  public DayTicker {
    if (!(open > 0) || !(high >= low) || !(low > 0) || !(volume >= 0)
        || !Double.isFinite(open) || !Double.isFinite(high) || !Double.isFinite(volume)) {
      throw new IllegalArgumentException(
          "24 h figures must be positive prices with high >= low and a non-negative volume, were open " + open
              + ", high " + high + ", low " + low + ", volume " + volume);
    }
  }
}
