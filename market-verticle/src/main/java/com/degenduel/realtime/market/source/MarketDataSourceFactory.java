package com.degenduel.realtime.market.source;

import com.degenduel.realtime.node.config.NodeConfig;
import io.vertx.core.Vertx;

/**
 * Makes one kind of {@link MarketDataSource}. Implementations are found with {@link
 * java.util.ServiceLoader} (META-INF/services/com.degenduel.realtime.market.source.MarketDataSourceFactory)
 * and chosen by their {@link #name()} through the MARKET_SOURCE setting, so a module on the class
 * path (the simulator) can add a source without the market module depending on it.
 */
public interface MarketDataSourceFactory {
  /** The value of MARKET_SOURCE that selects this source. */
  String name();

  /** Called on the market verticle's event loop, where the source then runs. */
  MarketDataSource create(Vertx vertx, NodeConfig config, SourceListener listener);
}
