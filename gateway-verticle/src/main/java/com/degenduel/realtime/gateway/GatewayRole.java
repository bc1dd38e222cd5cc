package com.degenduel.realtime.gateway;

import com.degenduel.realtime.gateway.security.GatewayGuards;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.node.launch.NodeRole;
import com.degenduel.realtime.node.tls.ServerTls;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.KeyCertOptions;
import java.nio.file.Path;

/**
 * Starts the gateway: key material first (it may have to be generated, which blocks; none when a
 * proxy terminates TLS), then one verticle per event loop.
 */
public final class GatewayRole implements NodeRole {
  @Override
  public String name() {
    return "gateway";
  }

  @Override
  public int startOrder() {
    return 50;
  }

  @Override
  public Future<?> deploy(Vertx vertx, NodeConfig config) {
    int configured = config.getInt(Setting.GATEWAY_INSTANCES);
    int instances = configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
    boolean behindTlsProxy = config.getBoolean(Setting.TLS_TERMINATED_BY_PROXY);
    // Both block: the guards create a cluster map's proxy, the key material may be read or made.
    Future<GatewayGuards> guards = vertx.executeBlocking(() -> GatewayGuards.create(vertx, config));
    Future<KeyCertOptions> keyCert =
        vertx.executeBlocking(() -> behindTlsProxy ? null : ServerTls.keyCert(config, Path.of(config.get(Setting.DEV_TLS_DIR))));
    return Future.all(guards, keyCert)
        .compose(
            ready ->
                vertx.deployVerticle(
                    () -> new GatewayVerticle(config, keyCert.result(), guards.result()),
                    new DeploymentOptions().setInstances(instances)));
  }
}
