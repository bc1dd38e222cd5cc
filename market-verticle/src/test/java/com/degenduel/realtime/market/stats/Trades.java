package com.degenduel.realtime.market.stats;

import com.degenduel.realtime.market.source.Trade;
import com.degenduel.realtime.market.source.TradeSide;
import java.time.Duration;
import java.time.Instant;

/** Known trades at known times for the pinned-number tests. */
final class Trades {
  static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  private static long nextId = 1;

  private Trades() {}

  static Trade buy(Duration after, double price, double qty) {
    return new Trade(nextId++, price, qty, TradeSide.BUY, T0.plus(after));
  }

  static Trade sell(Duration after, double price, double qty) {
    return new Trade(nextId++, price, qty, TradeSide.SELL, T0.plus(after));
  }

  static Instant at(Duration after) {
    return T0.plus(after);
  }
}
