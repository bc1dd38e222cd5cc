package com.degenduel.realtime.market.source.binance;

import com.degenduel.realtime.market.source.MarketDataSource;
import com.degenduel.realtime.market.source.MarketDataSourceFactory;
import com.degenduel.realtime.market.source.SourceListener;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.node.management.NodeMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClientOptions;

/**
 * MARKET_SOURCE=binance: Binance's WebSocket trade stream at MARKET_STREAM_URL, with the 24-hour
 * figures from its REST API at MARKET_SOURCE_URL. An empty MARKET_STREAM_URL is MARKET_SOURCE_URL
 * with the WebSocket scheme, where the simulator serves both.
 */
public final class BinanceStreamSourceFactory implements MarketDataSourceFactory {
  @Override
  public String name() {
    return "binance";
  }

  @Override
  public MarketDataSource create(Vertx vertx, NodeConfig config, SourceListener listener) {
    return new BinanceStream(
        vertx,
        vertx.createWebSocketClient(new WebSocketClientOptions()),
        streamUrl(config),
        BinanceRest.create(vertx, config),
        listener,
        new StreamMetrics(NodeMetrics.of(vertx).registry()),
        config.getLong(Setting.MARKET_SOURCE_TIMEOUT_MS),
        config.getLong(Setting.MARKET_STREAM_SILENCE_MS),
        config.getLong(Setting.MARKET_STREAM_BACKOFF_MAX_MS));
  }

  static String streamUrl(NodeConfig config) {
    String stream = config.get(Setting.MARKET_STREAM_URL).trim();
    if (!stream.isEmpty()) {
      return stream;
    }
    String rest = config.get(Setting.MARKET_SOURCE_URL).trim();
    if (rest.startsWith("https://")) {
      return "wss://" + rest.substring("https://".length());
    }
    if (rest.startsWith("http://")) {
      return "ws://" + rest.substring("http://".length());
    }
    throw new IllegalArgumentException(
        Setting.MARKET_STREAM_URL.env() + " is empty and " + Setting.MARKET_SOURCE_URL.env() + "=" + rest + " is not an http(s) URL");
  }
}
