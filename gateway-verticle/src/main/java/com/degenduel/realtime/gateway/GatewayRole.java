package com.degenduel.realtime.gateway;

import com.degenduel.realtime.gateway.demo.DemoPageFiles;
import com.degenduel.realtime.gateway.security.GatewayGuards;
import com.degenduel.realtime.gateway.tls.CertificateFiles;
import com.degenduel.realtime.gateway.tls.CertificateReloader;
import com.degenduel.realtime.gateway.tls.KeyMaterial;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.node.launch.NodeRole;
import com.degenduel.realtime.node.tls.ServerTls;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.KeyCertOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Starts the gateway: key material first (it may have to be generated, which blocks; none when a
 * proxy terminates TLS) and, in development, the demo page's files, then one verticle per event loop,
 * then the reloader that serves a new certificate from the same files without a restart.
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
    Duration reloadEvery = config.getMillis(Setting.TLS_RELOAD_INTERVAL_MS);
    // All block: the guards create a cluster map's proxy, the key material may be read or made, the page is read.
    Future<GatewayGuards> guards = vertx.executeBlocking(() -> GatewayGuards.create(vertx, config));
    Future<CertificateFiles> files =
        vertx.executeBlocking(
            () -> behindTlsProxy ? null : CertificateFiles.of(ServerTls.keyCert(config, Path.of(config.get(Setting.DEV_TLS_DIR)))));
    Future<KeyMaterial> material =
        files.compose(f -> f == null ? Future.succeededFuture() : vertx.executeBlocking(() -> f.load(f.read(), vertx)));
    Future<DemoPageFiles> demoPage =
        config.getBoolean(Setting.DEV_MODE)
            ? vertx.executeBlocking(() -> DemoPageFiles.load(GatewayRole.class.getClassLoader()))
            : Future.succeededFuture(DemoPageFiles.NONE);
    List<GatewayVerticle> listeners = new CopyOnWriteArrayList<>();
    return Future.all(guards, material, demoPage)
        .compose(
            ready ->
                vertx.deployVerticle(
                    () -> {
                      GatewayVerticle gateway =
                          new GatewayVerticle(
                              config, material.result() == null ? null : material.result().keyCert(), guards.result(), demoPage.result());
                      listeners.add(gateway);
                      return gateway;
                    },
                    new DeploymentOptions().setInstances(instances)))
        .compose(
            gateways ->
                material.result() == null || reloadEvery.isZero()
                    ? Future.succeededFuture()
                    : vertx.deployVerticle(
                        new CertificateReloader(files.result(), material.result(), reloadEvery, keyCert -> serveEverywhere(listeners, keyCert))));
  }

  private static Future<?> serveEverywhere(List<GatewayVerticle> listeners, KeyCertOptions keyCert) {
    return Future.all(listeners.stream().map(listener -> listener.updateKeyCert(keyCert)).toList());
  }
}
