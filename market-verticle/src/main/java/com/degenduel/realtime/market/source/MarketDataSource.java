package com.degenduel.realtime.market.source;

import io.vertx.core.Future;
import java.util.List;

/**
 * Where the market service gets its trades. Symbols are ours (BTC), an adapter maps them to the
 * exchange's names. An answer that cannot be read is a failed future, never an exception thrown at
 * the caller: the circuit breaker counts it like an error or a timeout.
 */
public interface MarketDataSource {
  /** The most recent trades of {@code symbol}, oldest first, at most {@code limit}. */
  Future<List<Trade>> recentTrades(String symbol, int limit);

  /** Releases connections; the source is not used afterwards. */
  Future<Void> close();
}
