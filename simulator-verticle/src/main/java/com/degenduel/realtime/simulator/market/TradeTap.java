package com.degenduel.realtime.simulator.market;

import com.degenduel.realtime.market.source.Trade;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.Consumer;

/**
 * Hands one symbol's synthetic trades to a sink as they happen: a timer is set for the moment the
 * next trade is due, so a trade waits for no poll, only for the timer's lateness (about a
 * millisecond). Trades made before the tap started are not handed over. Runs on the context of the
 * caller of {@link #start()}.
 */
final class TradeTap {
  private final Vertx vertx;
  private final SyntheticMarket market;
  private final String symbol;
  private final Consumer<List<Trade>> sink;
  private long lastId;
  private long timer = -1;
  private boolean stopped;

  TradeTap(Vertx vertx, SyntheticMarket market, String symbol, Consumer<List<Trade>> sink) {
    this.vertx = vertx;
    this.market = market;
    this.symbol = symbol;
    this.sink = sink;
  }

  TradeTap start() {
    lastId = market.lastTradeId(symbol);
    next();
    return this;
  }

  private void next() {
    timer = vertx.setTimer(Math.max(1, market.millisToNextTrade(symbol)), id -> {
      if (stopped) {
        return;
      }
      List<Trade> fresh = market.tradesAfter(symbol, lastId);
      if (!fresh.isEmpty()) {
        lastId = fresh.get(fresh.size() - 1).id();
        sink.accept(fresh);
      }
      if (!stopped) {
        next();
      }
    });
  }

  void stop() {
    stopped = true;
    vertx.cancelTimer(timer);
  }
}
