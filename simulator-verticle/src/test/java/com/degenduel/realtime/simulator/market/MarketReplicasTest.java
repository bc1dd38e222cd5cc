package com.degenduel.realtime.simulator.market;

import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.codec.message.market.MarketPrice;
import com.degenduel.realtime.codec.stream.Addresses;
import com.degenduel.realtime.codec.stream.SnapshotRequest;
import com.degenduel.realtime.codec.stream.StreamEvent;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.codec.stream.StreamKind;
import com.degenduel.realtime.codec.stream.StreamSnapshot;
import com.degenduel.realtime.market.MarketRole;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.node.management.NodeMetrics;
import com.degenduel.realtime.node.streams.OwnedStreams;
import com.degenduel.realtime.testkit.TestCluster;
import com.degenduel.realtime.codec.wire.StreamBatch;
import com.degenduel.realtime.codec.wire.StreamFrame;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Two market replicas on a real cluster share the symbols by the partitions of their stream
 * cluster; when one replica's stream member crashes, the other publishes every symbol, numbered
 * above what the dead one published, and snapshots still hold the last price. A third member
 * listens like a gateway would.
 */
class MarketReplicasTest {
  private static final List<String> SYMBOLS = List.of("BTC", "ETH", "SOL", "BNB", "XRP", "ADA", "DOGE", "AVAX", "DOT", "LINK");

  @Test
  void replicasShareTheSymbolsAndTheSurvivorTakesAllOnWhenOneCrashes() {
    NodeConfig base =
        NodeConfig.defaults()
            .with(Setting.MARKET_SOURCE, "synthetic")
            .with(Setting.MARKET_SYMBOLS, String.join(",", SYMBOLS))
            .with(Setting.SIM_TICKS_PER_SECOND, 50)
            .with(Setting.SIM_SEED, 3);
    try (TestCluster cluster = TestCluster.start(3, base)) {
      Vertx listener = cluster.node(2);
      Map<String, Long> lastPriceSeq = new ConcurrentHashMap<>();
      List<MessageConsumer<StreamBatch>> consumers = new ArrayList<>();
      for (String symbol : SYMBOLS) {
        MessageConsumer<StreamBatch> consumer = listener.eventBus().consumer(StreamId.market(symbol).address(), m -> {
          for (StreamFrame frame : m.body().frames()) {
            if (frame.type() == MessageType.MARKET_PRICE) {
              lastPriceSeq.merge(symbol, frame.seq(), Math::max);
            }
          }
        });
        TestCluster.await(consumer.completion());
        consumers.add(consumer);
      }
      TestCluster.await(new MarketRole().deploy(cluster.node(0), cluster.configFor(0)));
      TestCluster.await(new MarketRole().deploy(cluster.node(1), cluster.configFor(1)));

      Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        double first = published(cluster.node(0));
        double second = published(cluster.node(1));
        assertThat(first + second).as("each symbol published by exactly one replica").isEqualTo(SYMBOLS.size());
        assertThat(first).as("the first replica's share").isPositive();
        assertThat(second).as("the second replica's share").isPositive();
        assertThat(lastPriceSeq.keySet()).containsExactlyInAnyOrderElementsOf(SYMBOLS);
      });
      long firstShare = Math.round(published(cluster.node(0)));
      // The shares have settled, but a symbol that moved to the second replica may not have been
      // heard from it yet: its last price heard is still the first replica's. Three prices later
      // every symbol has been heard from the replica that now publishes it.
      Map<String, Long> settled = Map.copyOf(lastPriceSeq);
      Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        for (String symbol : SYMBOLS) {
          assertThat(lastPriceSeq.get(symbol)).as("%s heard from its publisher", symbol).isGreaterThanOrEqualTo(settled.get(symbol) + 3);
        }
      });

      // Taken before the crash: the survivor may publish what it takes over within milliseconds.
      Map<String, Long> beforeTakeover = Map.copyOf(lastPriceSeq);
      cluster.crashStreamMember(0);
      Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        assertThat(published(cluster.node(0))).as("a replica without its stream member publishes nothing").isZero();
        assertThat(published(cluster.node(1))).as("the survivor publishes every symbol").isEqualTo(SYMBOLS.size());
      });
      Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        long takenOver = 0;
        for (String symbol : SYMBOLS) {
          long seen = beforeTakeover.get(symbol);
          assertThat(lastPriceSeq.get(symbol)).as("%s flows again", symbol).isGreaterThan(seen);
          long endOfItsBlock = ((seen - 1) / OwnedStreams.STATE_BLOCK + 1) * OwnedStreams.STATE_BLOCK;
          if (lastPriceSeq.get(symbol) > endOfItsBlock) {
            takenOver++;
          }
        }
        assertThat(takenOver).as("the crashed replica's symbols, numbered on above its blocks by the survivor").isEqualTo(firstShare);
      });

      for (String symbol : SYMBOLS) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
          StreamSnapshot snapshot = TestCluster.await(listener.eventBus().<StreamSnapshot>request(
              Addresses.snapshot(StreamKind.MARKET), new SnapshotRequest(StreamId.market(symbol))), Duration.ofSeconds(5)).body();
          assertThat(snapshot.events()).hasSize(1);
          assertThat(((MarketPrice) snapshot.events().get(0).payload()).symbol()).isEqualTo(symbol);
          assertThat(snapshot.events().get(0).seq()).as("numbered as the survivor published it").isPositive();
        });
      }
      consumers.forEach(c -> TestCluster.await(c.unregister()));
    }
  }

  /** How many market streams the replica on this node publishes. */
  private static double published(Vertx node) {
    Gauge watched = NodeMetrics.of(node).registry().find("dd_streams_watched").tag("kind", "market").gauge();
    return watched == null ? 0 : watched.value();
  }
}
