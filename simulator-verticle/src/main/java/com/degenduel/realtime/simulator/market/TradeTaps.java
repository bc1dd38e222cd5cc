package com.degenduel.realtime.simulator.market;

import com.degenduel.realtime.market.source.Trade;
import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A {@link TradeTap} per followed symbol, each handing the symbol's trades to one sink as they
 * happen: what a reader of the synthetic market follows, in-process or over the simulated stream.
 * Runs on the context of the caller of {@link #follow}.
 */
final class TradeTaps {
  private final Vertx vertx;
  private final SyntheticMarket market;
  private final BiConsumer<String, List<Trade>> sink;
  private final Map<String, TradeTap> taps = new LinkedHashMap<>();

  TradeTaps(Vertx vertx, SyntheticMarket market, BiConsumer<String, List<Trade>> sink) {
    this.vertx = vertx;
    this.market = market;
    this.sink = sink;
  }

  void follow(String symbol) {
    taps.computeIfAbsent(symbol, s -> new TradeTap(vertx, market, s, trades -> sink.accept(s, trades)).start());
  }

  void unfollow(String symbol) {
    TradeTap tap = taps.remove(symbol);
    if (tap != null) {
      tap.stop();
    }
  }

  /** The followed symbols, in the order they were first followed. */
  Set<String> symbols() {
    return taps.keySet();
  }

  void stop() {
    taps.values().forEach(TradeTap::stop);
    taps.clear();
  }
}
