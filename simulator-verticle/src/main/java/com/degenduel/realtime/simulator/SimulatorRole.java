package com.degenduel.realtime.simulator;

import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.launch.NodeRole;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** {@code ./degenduel-ws simulator}: the synthetic data sources, started before the services that read them. */
public final class SimulatorRole implements NodeRole {
  @Override
  public String name() {
    return "simulator";
  }

  @Override
  public int startOrder() {
    return 10;
  }

  @Override
  public Future<?> deploy(Vertx vertx, NodeConfig config) {
    return vertx.deployVerticle(new SimulatorVerticle(config), new DeploymentOptions());
  }
}
