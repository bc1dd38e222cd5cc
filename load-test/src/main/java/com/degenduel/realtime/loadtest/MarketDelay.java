package com.degenduel.realtime.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import java.net.URI;

/**
 * The market service's own publish delay ({@link ServerLatency#MARKET}), scraped from its /metrics
 * when the load test is told where ({@code --market-metrics}); {@link ServerLatency#NONE} otherwise
 * or when it cannot be read.
 */
final class MarketDelay {
  private final HttpClient http;
  private final URI metrics;

  MarketDelay(Vertx vertx, String metricsUrl) {
    this.http = vertx.createHttpClient();
    this.metrics = metricsUrl == null ? null : URI.create(metricsUrl);
  }

  Future<ServerLatency> sample() {
    if (metrics == null) {
      return Future.succeededFuture(ServerLatency.NONE);
    }
    return http.request(HttpMethod.GET, metrics.getPort(), metrics.getHost(), metrics.getPath())
        .compose(req -> req.send())
        .compose(resp -> resp.body())
        .map(body -> ServerLatency.parse(body.toString(), ServerLatency.MARKET))
        .recover(e -> Future.succeededFuture(ServerLatency.NONE));
  }

  void close() {
    http.close();
  }
}
