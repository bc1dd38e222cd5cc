package com.degenduel.realtime.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import java.net.URI;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The market service's own publish delay ({@link ServerLatency#MARKET}) per series (type, and
 * whether the rate cap held the values), scraped from its /metrics when the load test is told where
 * ({@code --market-metrics}); no series otherwise or when it cannot be read.
 */
final class MarketDelay {
  private final HttpClient http;
  private final URI metrics;

  MarketDelay(Vertx vertx, String metricsUrl) {
    this.http = vertx.createHttpClient();
    this.metrics = metricsUrl == null ? null : URI.create(metricsUrl);
  }

  Future<NavigableMap<String, ServerLatency>> sample() {
    if (metrics == null) {
      return Future.succeededFuture(new TreeMap<>());
    }
    return http.request(HttpMethod.GET, metrics.getPort(), metrics.getHost(), metrics.getPath())
        .compose(req -> req.send())
        .compose(resp -> resp.body())
        .map(body -> ServerLatency.bySeries(body.toString(), ServerLatency.MARKET))
        .recover(e -> Future.succeededFuture(new TreeMap<>()));
  }

  void close() {
    http.close();
  }
}
