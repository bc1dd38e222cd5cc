package com.degenduel.realtime.simulator.market;

import java.time.Instant;

/** A symbol's last 24 hours as the exchange's ticker endpoint reports it. */
public record Ticker(
    String symbol,
    double lastPrice,
    double openPrice,
    double highPrice,
    double lowPrice,
    double volume,
    long lastId,
    Instant openTime,
    Instant closeTime) {

  public double priceChange() {
    return lastPrice - openPrice;
  }

  public double priceChangePercent() {
    return (lastPrice - openPrice) / openPrice * 100.0;
  }
}
