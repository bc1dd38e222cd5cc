package com.degenduel.realtime.simulator.market;

import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.codec.message.market.MarketPrice;
import com.degenduel.realtime.codec.message.market.MarketSentiment;
import com.degenduel.realtime.codec.message.market.MarketVolume;
import com.degenduel.realtime.codec.stream.Addresses;
import com.degenduel.realtime.codec.stream.SnapshotRequest;
import com.degenduel.realtime.codec.stream.StreamEvent;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.codec.stream.StreamKind;
import com.degenduel.realtime.codec.stream.StreamSnapshot;
import com.degenduel.realtime.market.MarketRole;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.testkit.TestCluster;
import com.degenduel.realtime.codec.wire.StreamBatch;
import com.degenduel.realtime.codec.wire.StreamFrame;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The market service on member 0 of a real two-member cluster, fed by the in-process synthetic
 * source far faster than the cap; member 1 listens like a gateway would.
 */
class MarketOverClusterTest {
  private static final int CAP = 10;
  private static TestCluster cluster;

  @BeforeAll
  static void start() {
    NodeConfig base =
        NodeConfig.defaults()
            .with(Setting.MARKET_SOURCE, "synthetic")
            .with(Setting.MARKET_SYMBOLS, "BTC,ETH,SOL")
            .with(Setting.MARKET_MAX_UPDATES_PER_SECOND, CAP)
            .with(Setting.SIM_TICKS_PER_SECOND, 200)
            .with(Setting.SIM_SEED, 1);
    cluster = TestCluster.start(2, base);
    TestCluster.await(new MarketRole().deploy(cluster.node(0), cluster.configFor(0)));
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void publishedEventsArriveTypedOnAnotherMemberWithinTheCap() {
    List<Long> priceArrivals = new CopyOnWriteArrayList<>();
    List<StreamEvent> events = new CopyOnWriteArrayList<>();
    List<Set<MessageType>> batches = new CopyOnWriteArrayList<>();
    MessageConsumer<StreamBatch> consumer =
        cluster.node(1).eventBus().consumer(StreamId.market("BTC").address(), m -> {
          batches.add(m.body().frames().stream().map(StreamFrame::type).collect(Collectors.toSet()));
          for (StreamFrame frame : m.body().frames()) {
            events.add(frame.decode());
            if (frame.type() == MessageType.MARKET_PRICE) {
              priceArrivals.add(System.nanoTime());
            }
          }
        });
    TestCluster.await(consumer.completion());
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> priceArrivals.size() > 2 * CAP);
    TestCluster.await(consumer.unregister());

    assertThat(events).anySatisfy(e -> assertThat(e.payload()).isInstanceOf(MarketPrice.class));
    assertThat(events).anySatisfy(e -> assertThat(e.payload()).isInstanceOf(MarketVolume.class));
    assertThat(events).anySatisfy(e -> assertThat(e.payload()).isInstanceOf(MarketSentiment.class));
    assertThat(events).allSatisfy(e -> assertThat(e.stream()).isEqualTo(StreamId.market("BTC")));
    assertThat(batches)
        .as("what a trade produced crosses the bus as one message")
        .anySatisfy(types -> assertThat(types).contains(MessageType.MARKET_PRICE, MessageType.MARKET_SENTIMENT, MessageType.MARKET_VOLUME));
    MarketPrice price = (MarketPrice) events.stream().filter(e -> e.payload() instanceof MarketPrice).findFirst().orElseThrow().payload();
    assertThat(price.symbol()).isEqualTo("BTC");
    assertThat(price.price()).isBetween(50_000.0, 80_000.0);
    assertThat(price.low24h()).isLessThanOrEqualTo(price.price());
    assertThat(price.high24h()).isGreaterThanOrEqualTo(price.price());
    // 200 trades a second come in; the cap lets a price out once the tenth before it has left 1.02 s ago, so the
    // first and the 21st price heard left at least 2.04 s apart: 140 ms are left for the jitter of their delivery.
    assertThat(Duration.ofNanos(priceArrivals.get(2 * CAP) - priceArrivals.get(0))).isGreaterThan(Duration.ofMillis(1_900));
    for (MessageType type : List.of(MessageType.MARKET_PRICE, MessageType.MARKET_VOLUME, MessageType.MARKET_SENTIMENT)) {
      // seq counts per type and key: MARKET_VOLUME once per interval.
      Map<String, List<Long>> byKey =
          events.stream()
              .filter(e -> e.payload().type() == type)
              .collect(Collectors.groupingBy(e -> e.payload().conflationKey(), Collectors.mapping(StreamEvent::seq, Collectors.toList())));
      assertThat(byKey).as("%s published", type).isNotEmpty();
      byKey.forEach(
          (key, seqs) -> {
            for (int i = 1; i < seqs.size(); i++) {
              assertThat(seqs.get(i)).as("%s %s seq rises by one", type, key).isEqualTo(seqs.get(i - 1) + 1);
            }
          });
    }
  }

  @Test
  void aSnapshotHoldsTheLatestPriceWithItsSeq() {
    Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      StreamSnapshot snapshot =
          TestCluster.await(
                  cluster.node(1).eventBus().<StreamSnapshot>request(
                      Addresses.snapshot(StreamKind.MARKET), new SnapshotRequest(StreamId.market("ETH"))),
                  Duration.ofSeconds(10))
              .body();

      assertThat(snapshot.events()).hasSize(1);
      StreamEvent event = snapshot.events().get(0);
      assertThat(event.seq()).isPositive();
      assertThat(event.payload()).isInstanceOf(MarketPrice.class);
      assertThat(((MarketPrice) event.payload()).symbol()).isEqualTo("ETH");
    });
  }

  @Test
  void anUnknownSymbolIs404() throws Exception {
    var reply =
        cluster.node(1).eventBus().request(Addresses.snapshot(StreamKind.MARKET), new SnapshotRequest(StreamId.market("DOGE")));
    try {
      reply.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      throw new AssertionError("DOGE is not configured here and must be refused");
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(ReplyException.class);
      ReplyException refused = (ReplyException) e.getCause();
      assertThat(refused.failureCode()).isEqualTo(404);
    }
  }
}
