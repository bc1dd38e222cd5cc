package com.degenduel.realtime.market.source;

import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.ServiceLoader;

/** Picks the source that MARKET_SOURCE names among those on the class path. */
public final class MarketDataSources {
  private MarketDataSources() {}

  public static MarketDataSource create(Vertx vertx, NodeConfig config, SourceListener listener) {
    String wanted = config.get(Setting.MARKET_SOURCE).trim();
    List<MarketDataSourceFactory> factories =
        ServiceLoader.load(MarketDataSourceFactory.class).stream().map(ServiceLoader.Provider::get).toList();
    return factories.stream()
        .filter(f -> f.name().equals(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    Setting.MARKET_SOURCE.env() + "=" + wanted + " is not available; known sources: "
                        + factories.stream().map(MarketDataSourceFactory::name).sorted().toList()))
        .create(vertx, config, listener);
  }
}
