package com.degenduel.realtime.contest;

import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.launch.NodeRole;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** {@code ./degenduel-ws contest}: the contest service. */
public final class ContestRole implements NodeRole {
  @Override
  public String name() {
    return "contest";
  }

  @Override
  public int startOrder() {
    return 40;
  }

  @Override
  public Future<?> deploy(Vertx vertx, NodeConfig config) {
    return vertx.deployVerticle(new ContestVerticle(config), new DeploymentOptions());
  }
}
