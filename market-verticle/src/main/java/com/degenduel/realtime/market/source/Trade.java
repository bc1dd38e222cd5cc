package com.degenduel.realtime.market.source;

import java.time.Instant;
import java.util.Objects;

/**
 * One executed trade as a source reports it. {@code id} rises per symbol (the exchange's trade
 * id), which is how trades seen in two overlapping polls are counted once. {@code quantity} is in
 * the base asset (BTC for BTC), {@code time} is when the exchange executed it.
 */
public record Trade(long id, double price, double quantity, TradeSide side, Instant time) {
  public Trade {
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(time, "time");
    if (!(price > 0) || !Double.isFinite(price)) {
      throw new IllegalArgumentException("trade price must be a positive number, was " + price);
    }
    if (!(quantity >= 0) || !Double.isFinite(quantity)) {
      throw new IllegalArgumentException("trade quantity must be a non-negative number, was " + quantity);
    }
  }
}
