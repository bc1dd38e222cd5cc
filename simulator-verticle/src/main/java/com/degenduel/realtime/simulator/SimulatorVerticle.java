package com.degenduel.realtime.simulator;

import com.degenduel.realtime.node.auth.TokenVerifier;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.simulator.http.AdminGuard;
import com.degenduel.realtime.simulator.market.SimulatedExchange;
import com.degenduel.realtime.simulator.market.SyntheticMarkets;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator: feeds development and QA with made-up data, and imitates the external systems we
 * depend on. Each {@link SimulatorFeature} mounts its routes on one plain-HTTP server at
 * SIM_HTTP_HOST:SIM_HTTP_PORT (loopback by default; it stands in for an exchange, not a public
 * endpoint). Adding a part means adding it to {@link #features()}.
 */
public final class SimulatorVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatorVerticle.class);

  private final NodeConfig config;
  private HttpServer server;

  public SimulatorVerticle(NodeConfig config) {
    this.config = config;
  }

  private List<SimulatorFeature> features() {
    return List.of(new SimulatedExchange(SyntheticMarkets.of(vertx, config)));
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    AdminGuard admin = new AdminGuard(TokenVerifier.create(vertx, config));
    features().forEach(f -> f.mount(router, admin));
    String host = config.get(Setting.SIM_HTTP_HOST);
    return vertx
        .createHttpServer()
        .requestHandler(router)
        .listen(config.getInt(Setting.SIM_HTTP_PORT), host)
        .onSuccess(
            s -> {
              server = s;
              LOG.info("simulator up: exchange (Binance REST shape) on http://{}:{}/api/v3", host, s.actualPort());
            });
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
