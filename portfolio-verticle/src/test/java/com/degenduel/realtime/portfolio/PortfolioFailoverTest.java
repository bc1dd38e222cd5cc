package com.degenduel.realtime.portfolio;

import static com.degenduel.realtime.portfolio.Trades.trade;
import static com.degenduel.realtime.portfolio.Trades.wallet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.codec.message.portfolio.PortfolioUpdated;
import com.degenduel.realtime.codec.message.portfolio.TokenValue;
import com.degenduel.realtime.codec.message.portfolio.TradeExecuted;
import com.degenduel.realtime.codec.stream.Addresses;
import com.degenduel.realtime.codec.stream.ResumeRequest;
import com.degenduel.realtime.codec.stream.SnapshotRequest;
import com.degenduel.realtime.codec.stream.StreamEvent;
import com.degenduel.realtime.codec.stream.StreamHistory;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.codec.stream.StreamKind;
import com.degenduel.realtime.codec.stream.StreamSnapshot;
import com.degenduel.realtime.node.auth.Role;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.testkit.FactClient;
import com.degenduel.realtime.testkit.FreePorts;
import com.degenduel.realtime.testkit.StreamRecorder;
import com.degenduel.realtime.testkit.TestCluster;
import com.degenduel.realtime.testkit.TestTokens;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Two portfolio replicas share the wallet streams; one crashes (its stream-cluster member is
 * terminated, no graceful hand-over) right after its trades were acknowledged. The other holds
 * every acknowledged trade, knows every trade id, and every TRADE_EXECUTED reaches an observer once
 * its duplicates are dropped by {@code seq}, as gateways do, with no gap.
 */
class PortfolioFailoverTest {
  private static final String[] TAGS = {"Ar", "Bo", "Cy", "Do", "Ed", "Fa", "Gu", "Ha", "Jo", "Ka"};

  @Test
  void everyAcknowledgedTradeSurvivesTheCrashOfAReplicaAndIsPublishedOnce() {
    try (TestCluster cluster = TestCluster.start(3)) {
      Vertx observer = cluster.node(2);
      String token = TestTokens.issue(observer, "backend-service", Role.SERVICE, Duration.ofMinutes(10));
      int[] ingest = {FreePorts.next(), FreePorts.next()};
      for (int i = 0; i < 2; i++) {
        NodeConfig config = cluster.configFor(i).with(Setting.PORTFOLIO_INGEST_PORT, ingest[i]);
        TestCluster.await(cluster.node(i).deployVerticle(new PortfolioVerticle(config), new DeploymentOptions()));
      }
      Map<String, StreamRecorder> recorders = new LinkedHashMap<>();
      for (String tag : TAGS) {
        String w = wallet("Fai1" + tag);
        recorders.put(w, StreamRecorder.watching(observer, StreamId.wallet(w)));
      }
      List<String> acknowledged = new ArrayList<>();
      JsonObject appliedBeforeTheCrash = null;
      try (FactClient first = new FactClient(observer, ingest[0])) {
        for (int i = 0; i < TAGS.length; i++) {
          String w = wallet("Fai1" + TAGS[i]);
          for (var t : List.of(
              trade("fo-" + i + "-a", w, "BTC", "buy", i + 1, 100),
              trade("fo-" + i + "-b", w, "ETH", "buy", 10, 10),
              trade("fo-" + i + "-c", w, "ETH", "sell", (i + 1) * 0.5, 10))) {
            assertThat(first.post("/facts/trades", t, token).status()).isEqualTo(200);
            acknowledged.add(t.getString("trade_id"));
            if (t.getString("trade_id").equals("fo-3-a")) {
              appliedBeforeTheCrash = t;
            }
          }
        }
      }

      cluster.crashStreamMember(0);
      cluster.stop(0);

      for (int i = 0; i < TAGS.length; i++) {
        PortfolioUpdated p = snapshot(observer, wallet("Fai1" + TAGS[i]));
        List<TokenValue> expected = List.of(
            new TokenValue("BTC", "Bitcoin", i + 1, 0), new TokenValue("ETH", "Ethereum", 10 - (i + 1) * 0.5, 0));
        assertThat(p.tokens()).as("wallet %d", i).containsExactlyElementsOf(expected);
      }
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
          assertThat(tradesOnceBySeq(recorders)).containsExactlyInAnyOrderElementsOf(acknowledged));
      // A client that resumes now from before its first trade gets them all back from the replica
      // that took the dead one's partitions over: the history travelled with the backup.
      for (Map.Entry<String, StreamRecorder> watched : recorders.entrySet()) {
        String epoch = watched.getValue().events(MessageType.TRADE_EXECUTED).get(0).epoch();
        StreamHistory history = TestCluster.await(observer.eventBus()
            .<StreamHistory>request(Addresses.history(StreamKind.WALLET), new ResumeRequest(StreamId.wallet(watched.getKey()), 0, epoch),
                new DeliveryOptions().setSendTimeout(5000))
            .map(m -> m.body()));
        assertThat(history.recovered()).as("history of %s", watched.getKey()).isTrue();
        assertThat(history.events()).extracting(StreamEvent::seq).containsExactly(1L, 2L, 3L);
        assertThat(history.events()).extracting(e -> ((TradeExecuted) e.payload()).tradeId()).isSubsetOf(acknowledged);
      }
      try (FactClient second = new FactClient(observer, ingest[1])) {
        String w = wallet("Fai1" + TAGS[3]);
        assertThat(second.post("/facts/trades", appliedBeforeTheCrash, token).body().getBoolean("duplicate"))
            .as("a trade applied before the crash is still known")
            .isTrue();
        assertThat(second.post("/facts/trades", trade("fo-3-d", w, "BTC", "sell", 4, 100), token).status()).isEqualTo(200);
        assertThat(snapshot(observer, w).tokens()).containsExactly(new TokenValue("ETH", "Ethereum", 8, 0));
      }
      recorders.values().forEach(StreamRecorder::close);
    }
  }

  /** The trade ids received, each stream's repeats of a seq dropped; fails on a gap in seq. */
  private static List<String> tradesOnceBySeq(Map<String, StreamRecorder> recorders) {
    List<String> ids = new ArrayList<>();
    recorders.forEach((wallet, recorder) -> {
      TreeMap<Long, String> bySeq = new TreeMap<>();
      for (StreamEvent e : recorder.events(MessageType.TRADE_EXECUTED)) {
        String previous = bySeq.putIfAbsent(e.seq(), ((TradeExecuted) e.payload()).tradeId());
        assertThat(previous == null || previous.equals(((TradeExecuted) e.payload()).tradeId()))
            .as("seq %d of %s repeated with other content", e.seq(), wallet)
            .isTrue();
      }
      if (!bySeq.isEmpty()) {
        assertThat(bySeq.lastKey() - bySeq.firstKey() + 1).as("no gap in %s", wallet).isEqualTo(bySeq.size());
      }
      ids.addAll(bySeq.values());
    });
    return ids;
  }


  private static PortfolioUpdated snapshot(Vertx observer, String w) {
    StreamSnapshot s = await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> TestCluster.await(
        observer.eventBus()
            .<StreamSnapshot>request(Addresses.snapshot(StreamKind.WALLET), new SnapshotRequest(StreamId.wallet(w)),
                new DeliveryOptions().setSendTimeout(2000))
            .map(m -> m.body()),
        Duration.ofSeconds(5)), x -> x != null);
    return (PortfolioUpdated) s.events().get(0).payload();
  }
}
