package com.degenduel.realtime.portfolio;

import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.launch.NodeRole;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** {@code ./degenduel-ws portfolio}: the portfolio service. */
public final class PortfolioRole implements NodeRole {
  @Override
  public String name() {
    return "portfolio";
  }

  @Override
  public int startOrder() {
    return 30;
  }

  @Override
  public Future<?> deploy(Vertx vertx, NodeConfig config) {
    return vertx.deployVerticle(new PortfolioVerticle(config), new DeploymentOptions());
  }
}
