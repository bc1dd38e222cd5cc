package com.degenduel.realtime.node.management;

import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The internal plain-HTTP listener of one process, apart from the public WSS port: {@code
 * /metrics} (Prometheus text), {@code /health} (liveness) and {@code /ready} (readiness).
 */
public final class ManagementServer {
  private static final Logger LOG = LoggerFactory.getLogger(ManagementServer.class);
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  /** An event loop that cannot run a no-op within this long is stuck, and so is the process. */
  private static final long LOOP_ANSWER_TIMEOUT_MS = 2000;

  private ManagementServer() {}

  /** Listens on MANAGEMENT_HOST:MANAGEMENT_PORT (0 picks a free port: read {@link HttpServer#actualPort()}). */
  public static Future<HttpServer> start(Vertx vertx, NodeConfig config) {
    NodeMetrics metrics = NodeMetrics.of(vertx);
    NodeHealth health = NodeHealth.of(vertx);
    return vertx
        .createHttpServer(
            new HttpServerOptions().setHost(config.get(Setting.MANAGEMENT_HOST)).setPort(config.getInt(Setting.MANAGEMENT_PORT)))
        .requestHandler(request -> route(vertx, metrics, health, request))
        .listen()
        .onSuccess(s -> LOG.info("management listener on http://{}:{} (/metrics, /health, /ready)", config.get(Setting.MANAGEMENT_HOST), s.actualPort()));
  }

  private static void route(Vertx vertx, NodeMetrics metrics, NodeHealth health, HttpServerRequest request) {
    switch (request.path()) {
      case "/metrics" -> vertx
          .executeBlocking(metrics::scrape, false)
          .onSuccess(text -> request.response().putHeader("Content-Type", PROMETHEUS_TEXT).end(text))
          .onFailure(e -> request.response().setStatusCode(500).end(String.valueOf(e.getMessage())));
      case "/health" -> eventLoopsAnswer(vertx)
          .onSuccess(v -> json(request, 200, new JsonObject().put("status", "UP")))
          .onFailure(e -> json(request, 503, new JsonObject().put("status", "DOWN").put("reason", e.getMessage())));
      case "/ready" -> {
        NodeHealth.Readiness readiness = health.readiness();
        JsonObject body = new JsonObject().put("status", readiness.ready() ? "READY" : "NOT_READY");
        if (!readiness.ready()) {
          body.put("reasons", new JsonArray(readiness.reasons()));
        }
        json(request, readiness.ready() ? 200 : 503, body);
      }
      default -> request.response().setStatusCode(404).end();
    }
  }

  /**
   * Liveness: every event loop runs a no-op in time. A blocked loop stalls every socket on it
   * while the others keep this listener answering, so asking only our own loop would miss it.
   */
  private static Future<Void> eventLoopsAnswer(Vertx vertx) {
    List<Promise<Void>> answers = new ArrayList<>();
    for (EventExecutor loop : ((VertxInternal) vertx).nettyEventLoopGroup()) {
      Promise<Void> answered = Promise.promise();
      loop.execute(answered::tryComplete);
      answers.add(answered);
    }
    long deadline =
        vertx.setTimer(
            LOOP_ANSWER_TIMEOUT_MS,
            t -> answers.forEach(a -> a.tryFail("an event loop did not answer within " + LOOP_ANSWER_TIMEOUT_MS + " ms")));
    return Future.all(answers.stream().map(Promise::future).toList())
        .<Void>mapEmpty()
        .onComplete(r -> vertx.cancelTimer(deadline));
  }

  private static void json(HttpServerRequest request, int status, JsonObject body) {
    request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }
}
