package com.degenduel.realtime.node.launch;

import com.degenduel.realtime.node.config.NodeConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * One deployable box of the design card. Each verticle module provides one through {@link
 * java.util.ServiceLoader}, so the launcher starts whatever roles are on the classpath without
 * depending on their modules.
 */
public interface NodeRole {
  /** The launcher command that starts this role alone: gateway, market, portfolio, contest, simulator. */
  String name();

  /** Position when {@code up} starts every role in one JVM: sources of data before their consumers. */
  int startOrder();

  /** Deploys this role's verticles on a clustered Vert.x; completes when they serve. */
  Future<?> deploy(Vertx vertx, NodeConfig config);
}
