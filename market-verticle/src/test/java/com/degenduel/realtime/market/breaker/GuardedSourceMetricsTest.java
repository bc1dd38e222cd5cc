package com.degenduel.realtime.market.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.codec.message.market.MarketAvailability;
import com.degenduel.realtime.market.source.MarketDataSources;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.node.management.NodeMetrics;
import com.degenduel.realtime.testkit.TestCluster;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The breaker's state gauge and transition counters, driven by a real HTTP source that fails, then recovers. */
class GuardedSourceMetricsTest {
  private static final String ONE_TRADE =
      "[{\"id\":1,\"price\":\"10.0\",\"qty\":\"1\",\"quoteQty\":\"10\",\"time\":1700000000000,\"isBuyerMaker\":true,\"isBestMatch\":true}]";

  private final Vertx vertx = Vertx.vertx();
  private volatile boolean failing = true;
  private GuardedSource guarded;

  @AfterEach
  void stop() {
    if (guarded != null) {
      TestCluster.await(guarded.close());
    }
    TestCluster.await(vertx.close());
  }

  @Test
  void stateAndTransitionsFollowTheBreaker() throws InterruptedException {
    HttpServer server =
        TestCluster.await(
            vertx.createHttpServer()
                .requestHandler(r -> r.response().setStatusCode(failing ? 500 : 200).end(failing ? "{}" : ONE_TRADE))
                .listen(0, "127.0.0.1"));
    NodeConfig config =
        NodeConfig.defaults()
            .with(Setting.MARKET_SOURCE, "binance")
            .with(Setting.MARKET_SOURCE_URL, "http://127.0.0.1:" + server.actualPort())
            .with(Setting.BREAKER_MAX_FAILURES, 2)
            .with(Setting.BREAKER_RESET_TIMEOUT_MS, 300);
    List<MarketAvailability> reports = new CopyOnWriteArrayList<>();
    guarded = new GuardedSource(vertx, MarketDataSources.create(vertx, config), "binance", config, reports::add);

    assertThat(scrape()).contains("dd_market_breaker_state{breaker=\"market-source-binance\"} 0.0");

    for (int i = 0; i < 2; i++) {
      guarded.recentTrades("BTC", 1).toCompletionStage().toCompletableFuture().handle((t, e) -> null).join();
    }
    assertThat(scrape())
        .contains("dd_market_breaker_state{breaker=\"market-source-binance\"} 2.0")
        .contains("dd_market_breaker_transitions_total{breaker=\"market-source-binance\",to=\"open\"} 1.0");

    failing = false;
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!guarded.availability().available() && System.nanoTime() < deadline) {
      guarded.recentTrades("BTC", 1).toCompletionStage().toCompletableFuture().handle((t, e) -> null).join();
      Thread.sleep(50);
    }
    assertThat(scrape())
        .contains("dd_market_breaker_state{breaker=\"market-source-binance\"} 0.0")
        .contains("dd_market_breaker_transitions_total{breaker=\"market-source-binance\",to=\"half_open\"} 1.0")
        .contains("dd_market_breaker_transitions_total{breaker=\"market-source-binance\",to=\"closed\"} 1.0");
    assertThat(reports).extracting(MarketAvailability::available).startsWith(false).endsWith(true);
  }

  private String scrape() {
    return NodeMetrics.of(vertx).scrape();
  }
}
