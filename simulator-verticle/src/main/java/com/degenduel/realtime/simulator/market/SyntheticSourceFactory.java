package com.degenduel.realtime.simulator.market;

import com.degenduel.realtime.market.source.DayTicker;
import com.degenduel.realtime.market.source.MarketDataSource;
import com.degenduel.realtime.market.source.MarketDataSourceFactory;
import com.degenduel.realtime.market.source.SourceListener;
import com.degenduel.realtime.node.config.NodeConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * MARKET_SOURCE=synthetic: the simulator's market read in-process, with no network in between; each
 * trade is handed to the market service when it happens ({@link TradeTap}), and the 24-hour figures
 * are the synthetic market's own.
 */
public final class SyntheticSourceFactory implements MarketDataSourceFactory {
  @Override
  public String name() {
    return "synthetic";
  }

  @Override
  public MarketDataSource create(Vertx vertx, NodeConfig config, SourceListener listener) {
    SyntheticMarket market = SyntheticMarkets.of(vertx, config);
    return new MarketDataSource() {
      private final TradeTaps taps = new TradeTaps(vertx, market, listener::trades);

      @Override
      public void follow(String symbol) {
        if (!market.tracks(symbol)) {
          listener.failed(new IllegalArgumentException("the synthetic market does not trade " + symbol));
          return;
        }
        taps.follow(symbol);
      }

      @Override
      public void unfollow(String symbol) {
        taps.unfollow(symbol);
      }

      @Override
      public Future<DayTicker> day(String symbol) {
        return market
            .ticker(symbol)
            .map(t -> Future.succeededFuture(new DayTicker(t.openPrice(), t.highPrice(), t.lowPrice(), t.volume(), t.lastId())))
            .orElseGet(() -> Future.failedFuture("the synthetic market has no trade of " + symbol + " yet"));
      }

      @Override
      public Future<Void> close() {
        taps.stop();
        return Future.succeededFuture();
      }
    };
  }
}
