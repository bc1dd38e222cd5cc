package com.degenduel.realtime.market;

import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.launch.NodeRole;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** {@code ./degenduel-ws market}: the market service. */
public final class MarketRole implements NodeRole {
  @Override
  public String name() {
    return "market";
  }

  @Override
  public int startOrder() {
    return 20;
  }

  @Override
  public Future<?> deploy(Vertx vertx, NodeConfig config) {
    return vertx.deployVerticle(new MarketVerticle(config), new DeploymentOptions());
  }
}
