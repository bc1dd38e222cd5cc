package com.degenduel.realtime.market.snapshot;

import com.degenduel.realtime.codec.message.StreamPayload;
import java.util.List;
import java.util.Set;

/**
 * What a new watcher of a symbol starts from: its last published MARKET_PRICE, also while the
 * circuit breaker is open (last known prices are better than none); nothing yet before the first
 * price. A symbol this market does not track has no snapshot, which the gateway tells its client as
 * UNKNOWN_SYMBOL.
 */
public final class MarketSnapshots {
  private final Set<String> symbols;

  public MarketSnapshots(Set<String> symbols) {
    this.symbols = Set.copyOf(symbols);
  }

  /** Null for a symbol this market does not track. */
  public List<StreamPayload> of(String symbol, LastPrice last) {
    if (!symbols.contains(symbol)) {
      return null;
    }
    return last == null ? List.of() : List.of(last.price());
  }
}
