package com.degenduel.realtime.portfolio;

import static com.degenduel.realtime.portfolio.Trades.trade;
import static com.degenduel.realtime.portfolio.Trades.wallet;
import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.codec.message.portfolio.PortfolioUpdated;
import com.degenduel.realtime.codec.message.portfolio.TokenValue;
import com.degenduel.realtime.codec.stream.Addresses;
import com.degenduel.realtime.codec.stream.SnapshotRequest;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.codec.stream.StreamKind;
import com.degenduel.realtime.codec.stream.StreamSnapshot;
import com.degenduel.realtime.node.auth.Role;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.testkit.FactClient;
import com.degenduel.realtime.testkit.FreePorts;
import com.degenduel.realtime.testkit.TestCluster;
import com.degenduel.realtime.testkit.TestTokens;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Holdings and applied trade ids outlive the portfolio node: they are in the cluster, with a backup. */
class PortfolioFailoverTest {
  private static final String[] TAGS = {"Ar", "Bo", "Cy", "Do", "Ed", "Fa", "Gu", "Ha", "Jo", "Ka"};

  @Test
  void aPortfolioNodeStoppedAndAnotherStartedKeepsEveryHolding() {
    try (TestCluster cluster = TestCluster.start(3)) {
      Vertx observer = cluster.node(2);
      String token = TestTokens.issue(observer, "backend-service", Role.SERVICE, Duration.ofMinutes(10));
      int firstPort = FreePorts.next();
      TestCluster.await(cluster.node(0).deployVerticle(
          new PortfolioVerticle(cluster.configFor(0).with(Setting.PORTFOLIO_INGEST_PORT, firstPort)), new DeploymentOptions()));
      JsonObject appliedBeforeTheLoss = null;
      try (FactClient first = new FactClient(observer, firstPort)) {
        for (int i = 0; i < TAGS.length; i++) {
          String w = wallet("Fai1" + TAGS[i]);
          JsonObject buy = trade("fo-" + i + "-a", w, "BTC", "buy", i + 1, 100);
          assertThat(first.post("/facts/trades", buy, token).status()).isEqualTo(200);
          if (i == 3) {
            appliedBeforeTheLoss = buy;
          }
          assertThat(first.post("/facts/trades", trade("fo-" + i + "-b", w, "ETH", "buy", 10, 10), token).status()).isEqualTo(200);
          assertThat(first.post("/facts/trades", trade("fo-" + i + "-c", w, "ETH", "sell", (i + 1) * 0.5, 10), token).status()).isEqualTo(200);
        }
      }

      cluster.stop(0);
      int secondPort = FreePorts.next();
      TestCluster.await(cluster.node(1).deployVerticle(
          new PortfolioVerticle(cluster.configFor(1).with(Setting.PORTFOLIO_INGEST_PORT, secondPort)), new DeploymentOptions()));

      for (int i = 0; i < TAGS.length; i++) {
        PortfolioUpdated p = snapshot(observer, wallet("Fai1" + TAGS[i]));
        List<TokenValue> expected = List.of(
            new TokenValue("BTC", "Bitcoin", i + 1, 0), new TokenValue("ETH", "Ethereum", 10 - (i + 1) * 0.5, 0));
        assertThat(p.tokens()).as("wallet %d", i).containsExactlyElementsOf(expected);
      }
      try (FactClient second = new FactClient(observer, secondPort)) {
        String w = wallet("Fai1" + TAGS[3]);
        assertThat(second.post("/facts/trades", appliedBeforeTheLoss, token).body().getBoolean("duplicate"))
            .as("a trade applied by the lost node is still known")
            .isTrue();
        assertThat(second.post("/facts/trades", trade("fo-3-d", w, "BTC", "sell", 4, 100), token).status()).isEqualTo(200);
        assertThat(snapshot(observer, w).tokens()).containsExactly(new TokenValue("ETH", "Ethereum", 8, 0));
      }
    }
  }

  /** Asks until the new owner answers: the lost node's registration may take a moment to leave the cluster. */
  private static PortfolioUpdated snapshot(Vertx observer, String w) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      try {
        StreamSnapshot s = TestCluster.await(
            observer.eventBus()
                .<StreamSnapshot>request(Addresses.snapshot(StreamKind.WALLET), new SnapshotRequest(StreamId.wallet(w)),
                    new DeliveryOptions().setSendTimeout(2000))
                .map(m -> m.body()),
            Duration.ofSeconds(5));
        return (PortfolioUpdated) s.events().get(0).payload();
      } catch (AssertionError e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
    }
  }
}
