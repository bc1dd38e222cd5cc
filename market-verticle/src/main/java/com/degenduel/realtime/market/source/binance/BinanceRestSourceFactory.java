package com.degenduel.realtime.market.source.binance;

import com.degenduel.realtime.market.source.MarketDataSource;
import com.degenduel.realtime.market.source.MarketDataSourceFactory;
import com.degenduel.realtime.market.source.PolledSource;
import com.degenduel.realtime.market.source.SourceListener;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import io.vertx.core.Vertx;

/** MARKET_SOURCE=binance-rest: Binance's REST shape at MARKET_SOURCE_URL, polled every MARKET_POLL_INTERVAL_MS. */
public final class BinanceRestSourceFactory implements MarketDataSourceFactory {
  @Override
  public String name() {
    return "binance-rest";
  }

  @Override
  public MarketDataSource create(Vertx vertx, NodeConfig config, SourceListener listener) {
    return new PolledSource(
        vertx,
        BinanceRest.create(vertx, config),
        config.getLong(Setting.MARKET_POLL_INTERVAL_MS),
        config.getLong(Setting.MARKET_SOURCE_TIMEOUT_MS),
        listener);
  }
}
