package com.degenduel.realtime.simulator.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.degenduel.realtime.codec.message.market.MarketPrice;
import com.degenduel.realtime.codec.stream.Addresses;
import com.degenduel.realtime.codec.stream.SnapshotRequest;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.codec.stream.StreamKind;
import com.degenduel.realtime.codec.stream.StreamSnapshot;
import com.degenduel.realtime.gateway.GatewayRole;
import com.degenduel.realtime.market.MarketRole;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.testkit.FreePorts;
import com.degenduel.realtime.testkit.TestCluster;
import com.degenduel.realtime.testkit.TestTls;
import com.degenduel.realtime.testkit.TestTokens;
import com.degenduel.realtime.testkit.WssTestClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 2's "done when": the real market service with the synthetic source on one cluster member,
 * the gateway on another, and a WSS client offering its token as the subprotocol gets the latest
 * MARKET_PRICE of each symbol first, then live MARKET_PRICE, MARKET_VOLUME and MARKET_SENTIMENT.
 */
class MarketOverWssTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void aWssClientGetsTheSnapshotThenLivePricesVolumesAndSentiment() {
    int gatewayPort = FreePorts.next();
    NodeConfig base = TestTls.serverConfig(NodeConfig.defaults())
        .with(Setting.MARKET_SOURCE, "synthetic")
        .with(Setting.MARKET_SYMBOLS, "BTC,ETH,SOL")
        .with(Setting.SIM_TICKS_PER_SECOND, 50)
        .with(Setting.GATEWAY_PORT, gatewayPort)
        .with(Setting.GATEWAY_INSTANCES, 1);
    try (TestCluster cluster = TestCluster.start(2, base)) {
      TestCluster.await(new MarketRole().deploy(cluster.node(0), cluster.configFor(0).with(Setting.MANAGEMENT_PORT, FreePorts.next())));
      TestCluster.await(new GatewayRole().deploy(cluster.node(1), cluster.configFor(1).with(Setting.MANAGEMENT_PORT, FreePorts.next())));
      String token = TestTokens.user(cluster.node(1), "MarketWa11et111111111111111111111111111111");
      // The market needs a poll or two before it has prices to serve.
      for (String symbol : List.of("BTC", "ETH", "SOL")) {
        await().atMost(WAIT).ignoreExceptions().until(() -> hasPrice(cluster.node(1), symbol));
      }
      try (WssTestClient client = WssTestClient.connect(cluster.node(1), gatewayPort, "/api/v2/ws/market?symbols=BTC,ETH,SOL", token)) {
        assertThat(client.subProtocol()).as("the handshake echoes the token").isEqualTo(token);
        // Per symbol, the first message is its latest MARKET_PRICE (the snapshot); the live stream follows.
        List<JsonObject> messages = new ArrayList<>();
        Set<String> firstOfEach = new HashSet<>();
        Set<String> symbolsSeen = new HashSet<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (symbolsSeen.size() < 3 || !(has(messages, "MARKET_PRICE", 4) && has(messages, "MARKET_VOLUME", 1)
            && has(messages, "MARKET_SENTIMENT", 1))) {
          assertThat(System.nanoTime()).as("snapshot and live market messages; saw %s", messages).isLessThan(deadline);
          JsonObject m = client.next(WAIT);
          messages.add(m);
          String symbol = m.getJsonObject("data").getString("symbol");
          if (symbolsSeen.add(symbol)) {
            firstOfEach.add(m.getString("type") + ":" + symbol);
          }
        }
        assertThat(firstOfEach).as("the latest price of each symbol first; got %s", messages)
            .containsExactlyInAnyOrder("MARKET_PRICE:BTC", "MARKET_PRICE:ETH", "MARKET_PRICE:SOL");
        for (JsonObject m : messages) {
          assertThat(m.getJsonObject("data").getString("symbol")).isIn("BTC", "ETH", "SOL");
          assertThat(m.getLong("seq")).isPositive();
        }
        for (String symbol : List.of("BTC", "ETH", "SOL")) {
          SimulatedWorldTest.assertNoGaps(messages.stream().filter(m -> symbol.equals(m.getJsonObject("data").getString("symbol"))).toList());
        }
      }
    }
  }

  /** Whether the market service has a price of the symbol to answer a snapshot request with. */
  private static boolean hasPrice(Vertx node, String symbol) {
    StreamSnapshot snapshot = TestCluster.await(node.eventBus()
        .<StreamSnapshot>request(Addresses.snapshot(StreamKind.MARKET), new SnapshotRequest(StreamId.market(symbol)))
        .map(m -> m.body()));
    return snapshot.events().stream().anyMatch(e -> e.payload() instanceof MarketPrice);
  }

  private static boolean has(List<JsonObject> messages, String type, int atLeast) {
    return messages.stream().filter(m -> type.equals(m.getString("type"))).count() >= atLeast;
  }
}
