package com.degenduel.realtime.simulator.market;

import com.degenduel.realtime.market.source.MarketDataSource;
import com.degenduel.realtime.market.source.MarketDataSourceFactory;
import com.degenduel.realtime.market.source.Trade;
import com.degenduel.realtime.node.config.NodeConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

/** MARKET_SOURCE=synthetic: the simulator's market read in-process, with no network in between. */
public final class SyntheticSourceFactory implements MarketDataSourceFactory {
  @Override
  public String name() {
    return "synthetic";
  }

  @Override
  public MarketDataSource create(Vertx vertx, NodeConfig config) {
    SyntheticMarket market = SyntheticMarkets.of(vertx, config);
    return new MarketDataSource() {
      @Override
      public Future<List<Trade>> recentTrades(String symbol, int limit) {
        if (!market.tracks(symbol)) {
          return Future.failedFuture(new IllegalArgumentException("the synthetic market does not trade " + symbol));
        }
        return Future.succeededFuture(market.recentTrades(symbol, limit));
      }

      @Override
      public Future<Void> close() {
        return Future.succeededFuture();
      }
    };
  }
}
