package com.degenduel.realtime.market.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.codec.message.market.MarketAvailability;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.node.management.NodeMetrics;
import com.degenduel.realtime.testkit.TestCluster;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The breaker driven by what a source reports, on one event loop as in the market verticle: its
 * state gauge, transition counters and availability reports.
 */
class SourceBreakerTest {
  private static final String STATE = "dd_market_breaker_state{breaker=\"market-source-binance\"} ";

  private final Vertx vertx = Vertx.vertx();
  private final List<MarketAvailability> reports = new CopyOnWriteArrayList<>();
  private Context loop;
  private SourceBreaker breaker;

  @BeforeEach
  void start() {
    NodeConfig config = NodeConfig.defaults().with(Setting.BREAKER_MAX_FAILURES, 2).with(Setting.BREAKER_RESET_TIMEOUT_MS, 300);
    loop = vertx.getOrCreateContext();
    breaker = onLoop(() -> new SourceBreaker(vertx, "binance", config, reports::add));
  }

  @AfterEach
  void stop() {
    breaker.close();
    TestCluster.await(vertx.close());
  }

  @Test
  void failuresOpenItHalfOpenFollowsAndTheFirstSuccessClosesIt() {
    assertThat(scrape()).contains(STATE + "0.0");

    loop.runOnContext(v -> {
      breaker.failed(new IllegalStateException("connection closed"));
      breaker.failed(new IllegalStateException("connection refused"));
    });
    Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(scrape())
        .contains(STATE + "2.0")
        .contains("dd_market_breaker_transitions_total{breaker=\"market-source-binance\",to=\"open\"} 1.0"));
    assertThat(reports).extracting(MarketAvailability::available).containsExactly(false);

    Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(scrape()).contains(STATE + "1.0"));
    loop.runOnContext(v -> breaker.succeeded());
    Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(scrape())
        .contains(STATE + "0.0")
        .contains("dd_market_breaker_transitions_total{breaker=\"market-source-binance\",to=\"half_open\"} 1.0")
        .contains("dd_market_breaker_transitions_total{breaker=\"market-source-binance\",to=\"closed\"} 1.0"));
    assertThat(reports).extracting(MarketAvailability::available).containsExactly(false, false, true);
    assertThat(reports.get(1).since()).as("half-open continues the outage").isEqualTo(reports.get(0).since());
  }

  @Test
  void aSuccessBetweenFailuresKeepsItClosed() {
    Promise<Void> reported = Promise.promise();
    loop.runOnContext(v -> {
      breaker.failed(new IllegalStateException("garbage"));
      breaker.succeeded();
      breaker.failed(new IllegalStateException("garbage"));
      // Queued behind what the three reports queued: once it runs, the breaker has taken them all in.
      loop.runOnContext(w -> reported.complete());
    });
    TestCluster.await(reported.future());

    assertThat(onLoop(() -> breaker.availability().available())).isTrue();
    assertThat(scrape()).contains(STATE + "0.0");
    assertThat(reports).isEmpty();
  }

  private <T> T onLoop(Supplier<T> work) {
    Promise<T> result = Promise.promise();
    loop.runOnContext(v -> result.complete(work.get()));
    return TestCluster.await(result.future());
  }

  private String scrape() {
    return NodeMetrics.of(vertx).scrape();
  }
}
