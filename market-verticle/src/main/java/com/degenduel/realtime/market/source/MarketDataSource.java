package com.degenduel.realtime.market.source;

import io.vertx.core.Future;

/**
 * Where the market service gets its trades. It follows the symbols this replica owns and hands
 * their trades, as they become known, to the {@link SourceListener} it was created with; it tells
 * the listener its failures too (a failed or slow call, a dropped or silent connection, a message
 * it cannot read), which the circuit breaker counts. Symbols are ours (BTC), an adapter maps them
 * to the exchange's names. Called on, and calling back on, the market verticle's event loop.
 */
public interface MarketDataSource {
  /** From now on the trades of {@code symbol} go to the listener; following a followed symbol does nothing. */
  void follow(String symbol);

  /** No more trades of {@code symbol}; a few already under way may still arrive, and the listener drops them. */
  void unfollow(String symbol);

  /**
   * The exchange's figures of {@code symbol}'s last 24 hours, asked when a symbol is taken over and
   * then periodically: trades seen since following a symbol cover minutes, not a day. A failure
   * here is not a source failure (trades may well be flowing); the market then falls back to the
   * trades it has seen.
   */
  Future<DayTicker> day(String symbol);

  /** Releases connections and timers; the source is not used afterwards. */
  Future<Void> close();
}
