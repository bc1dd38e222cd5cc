package com.degenduel.realtime.market.source.binance;

import com.degenduel.realtime.market.source.MarketDataSource;
import com.degenduel.realtime.market.source.MarketDataSourceFactory;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/** MARKET_SOURCE=binance: the Binance REST shape at MARKET_SOURCE_URL. */
public final class BinanceSourceFactory implements MarketDataSourceFactory {
  @Override
  public String name() {
    return "binance";
  }

  @Override
  public MarketDataSource create(Vertx vertx, NodeConfig config) {
    // One connection per symbol, so that a slow symbol does not queue the others behind it.
    int connections = Math.max(1, config.getList(Setting.MARKET_SYMBOLS).size());
    WebClient client =
        WebClient.create(
            vertx,
            new WebClientOptions().setUserAgent("degenduel-market").setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(connections));
    return new BinanceSource(client, config.get(Setting.MARKET_SOURCE_URL), config.getLong(Setting.MARKET_SOURCE_TIMEOUT_MS));
  }
}
