package com.degenduel.realtime.node.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.degenduel.realtime.codec.bus.EventBusCodecs;
import com.degenduel.realtime.codec.message.StreamPayload;
import com.degenduel.realtime.codec.message.market.MarketPrice;
import com.degenduel.realtime.codec.message.market.MarketSentiment;
import com.degenduel.realtime.codec.message.market.VolumeTrend;
import com.degenduel.realtime.codec.message.portfolio.TradeExecuted;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.codec.stream.StreamKind;
import com.degenduel.realtime.codec.wire.StreamBatch;
import com.degenduel.realtime.codec.wire.StreamFrame;
import com.degenduel.realtime.codec.wire.WireTime;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.node.ingest.FactError;
import com.degenduel.realtime.testkit.FreePorts;
import com.degenduel.realtime.testkit.TestCluster;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The stream-owning skeleton on its own, with a toy service whose state is a running total: real
 * Hazelcast members of one stream cluster on loopback, each under its own Vert.x instance.
 */
@ExtendWith(VertxExtension.class)
class OwnedStreamsTest {
  private static final String SERVICE = "toy";
  static final HistoryLimits HISTORY = new HistoryLimits(100, Duration.ofMinutes(5));

  private final List<Integer> ports = List.of(FreePorts.next(), FreePorts.next(), FreePorts.next());
  private final List<Vertx> nodes = new ArrayList<>();
  private final List<HazelcastInstance> members = new ArrayList<>();
  /** The context each node's streams were started on, to which they are confined. */
  private final List<Context> contexts = new ArrayList<>();

  /** Adds {@code amount} to the stream's total; refuses to go below zero; each fact is one TRADE_EXECUTED. */
  public static final class Add extends FactStep<Double> {
    private double amount;

    public Add() {}

    Add(String id, double amount) {
      super(id, Fingerprint.start().add(id).add(amount).value());
      this.amount = amount;
    }

    @Override
    protected Double initialState(String key) {
      return 0.0;
    }

    @Override
    protected Change<Double> apply(String key, Double total) {
      if (total + amount < 0) {
        throw FactError.INSUFFICIENT_HOLDINGS.reject("the total cannot go below zero");
      }
      return new Change<>(total + amount, List.of(
          new TradeExecuted("t", key, "BTC", amount, 1, WireTime.now(), null)));
    }

    @Override
    protected void writeFact(ObjectDataOutput out) throws IOException {
      out.writeDouble(amount);
    }

    @Override
    protected void readFact(ObjectDataInput in) throws IOException {
      amount = in.readDouble();
    }
  }

  /** What a service keeps of the streams its member owns. */
  static class Totals implements OwnedStreams.Owner<Double> {
    final Map<String, Double> owned = new ConcurrentHashMap<>();

    @Override
    public void stateOf(String key, Double state) {
      owned.put(key, state == null ? 0.0 : state);
    }

    @Override
    public void released(String key) {
      owned.remove(key);
    }

    @Override
    public List<StreamPayload> snapshot(String key, Double state) {
      return List.of();
    }
  }

  @AfterEach
  void stop() {
    members.forEach(m -> m.getLifecycleService().terminate());
    nodes.forEach(v -> TestCluster.await(v.close()));
  }

  @Test
  void aRetryRacingTheFirstAttemptGetsTheFirstAttemptsOutcome(VertxTestContext test) {
    OwnedStreams<Double> streams = start(0, new Totals());

    nodes.get(0).runOnContext(v -> {
      List<Future<FactOutcome>> attempts = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        attempts.add(streams.apply("racer", new Add("fact-1", 5)));
      }
      Future.join(attempts)
          .compose(all -> streams.view("racer"))
          .onComplete(test.succeeding(view -> test.verify(() -> {
            List<FactOutcome> outcomes = attempts.stream().map(Future::result).toList();
            assertThat(outcomes).filteredOn(o -> o.result() == FactOutcome.Result.APPLIED).hasSize(1);
            assertThat(outcomes).filteredOn(o -> o.result() == FactOutcome.Result.DUPLICATE).hasSize(19);
            assertThat(outcomes).extracting(FactOutcome::seq).containsOnly(1L);
            assertThat(view.state()).isEqualTo(5.0);
            test.completeNow();
          })));
    });
  }

  @Test
  void aReusedFactIdWithOtherContentIsRefusedAndARefusalChangesNothing() {
    OwnedStreams<Double> streams = start(0, new Totals());
    assertThat(apply(streams, "s", new Add("a", 1)).result()).isEqualTo(FactOutcome.Result.APPLIED);

    FactOutcome conflict = apply(streams, "s", new Add("a", 2));
    assertThat(conflict.result()).isEqualTo(FactOutcome.Result.REFUSED);
    assertThat(conflict.rejection().error()).isEqualTo(FactError.FACT_ID_CONFLICT);
    FactOutcome refused = apply(streams, "s", new Add("b", -3));
    assertThat(refused.rejection().error()).isEqualTo(FactError.INSUFFICIENT_HOLDINGS);

    StreamView view = TestCluster.await(streams.view("s"));
    assertThat(view.state()).isEqualTo(1.0);
    assertThat(view.seq()).isEqualTo(1);
    assertThat(apply(streams, "s", new Add("b", 2)).seq()).as("a refused id may be reported again").isEqualTo(2);
  }

  @Test
  void aMemberThatJoinsTakesItsShareOfTheWatchedStreams() {
    Totals first = new Totals();
    OwnedStreams<Double> streams = start(0, first);
    for (int i = 0; i < 400; i++) {
      apply(streams, "stream-" + i, new Add("f" + i, i));
    }
    for (int i = 0; i < 50; i++) {
      apply(streams, "unwatched-" + i, new Add("u" + i, i));
    }
    Set<String> watched = java.util.stream.IntStream.range(0, 400).mapToObj(i -> "stream-" + i).collect(Collectors.toSet());
    TestCluster.await(streams.watchAll(watched, "a-gateway", Duration.ofMinutes(5)));
    await().atMost(Duration.ofSeconds(10)).until(() -> first.owned.size() == 400);

    Totals second = new Totals();
    start(1, second);

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(first.owned.size() + second.owned.size()).isEqualTo(400);
      assertThat(first.owned.keySet()).doesNotContainAnyElementsOf(second.owned.keySet());
    });
    // Hazelcast balances 271 partitions over two members; 400 keys hash over them roughly evenly.
    // Only watched streams are valued: the 50 unwatched ones are nowhere.
    assertThat(second.owned.size()).as("the joining member's share").isBetween(120, 280);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(primaryPartitions(0) + primaryPartitions(1))
        .as("every partition published by one member, as the metric shows").isEqualTo(271.0));
    assertThat(primaryPartitions(1)).isBetween(100.0, 171.0);
    second.owned.forEach((key, total) -> assertThat(total).isEqualTo(Double.parseDouble(key.substring(7))));
  }

  @Test
  void streamsFirstWatchedManyAtOnceEachGetAnEpochAndTheirFactsArePublished() {
    Totals totals = new Totals();
    OwnedStreams<Double> streams = start(0, totals);
    Set<String> keys = java.util.stream.IntStream.range(0, 2000).mapToObj(i -> "new-" + i).collect(Collectors.toSet());

    TestCluster.await(streams.watchAll(keys, "a-gateway", Duration.ofMinutes(5)));

    for (String key : keys) {
      assertThat(TestCluster.await(streams.view(key)).epoch()).as("the epoch of %s", key).isNotNull();
    }
    Set<String> sample = keys.stream().limit(200).collect(Collectors.toSet());
    sample.forEach(key -> apply(streams, key, new Add("f-" + key, 1)));
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(totals.owned.keySet())
        .as("every watched stream, valued after its fact").containsAll(sample));
  }

  /**
   * A watch of many keys is one step object run by several partition threads at once: what it
   * decides (the time, a new record's epoch) is decided before any of them runs it, or one thread
   * could see the time decided and the epoch not yet, and create a record without an epoch.
   */
  @Test
  void aStepCarriesItsDecisionsFromItsCreation() {
    WatchStep step = WatchStep.unanswered("a-gateway", Long.MAX_VALUE);
    assertThat(step.now()).isPositive();
    assertThat(step.epochIfNew()).isNotNull();
  }

  @Test
  void aSlowStateLaneCountsOnByOneWhileABusyLaneOfTheSameStreamUsesBlockAfterBlock() {
    Totals totals = new Totals();
    OwnedStreams<Double> streams = start(0, totals);
    TestCluster.await(streams.watch("lanes", "a-gateway", Duration.ofMinutes(5)));
    await().atMost(Duration.ofSeconds(10)).until(() -> totals.owned.containsKey("lanes"));
    Map<String, List<Long>> seqs = new ConcurrentHashMap<>();
    MessageConsumer<StreamBatch> consumer = nodes.get(0).eventBus().consumer(new StreamId(StreamKind.WALLET, "lanes").address(),
        m -> m.body().frames().forEach(f -> seqs.computeIfAbsent(f.lane(), lane -> new CopyOnWriteArrayList<>()).add(f.seq())));
    TestCluster.await(consumer.completion());
    int busy = (int) (2.5 * OwnedStreams.STATE_BLOCK);

    for (int i = 0; i < busy; i++) {
      StreamPayload price = new MarketPrice("BTC", i, 0, 0, i, i, WireTime.now());
      contexts.get(0).runOnContext(v -> streams.publishState("lanes", price));
      if (i % 200 == 0) {
        StreamPayload slow = new MarketSentiment("BTC", 0, 0.5, 0.5, VolumeTrend.STABLE, WireTime.now());
        contexts.get(0).runOnContext(v -> streams.publishState("lanes", slow));
      }
      if (i % 100 == 0) {
        int sent = i + 1;
        // Published in steps, as a service does over time: a lane that has used up its numbers waits for its next block.
        await().atMost(Duration.ofSeconds(10)).until(() -> seqs.getOrDefault("MARKET_PRICE:", List.of()).size() == sent);
      }
    }

    await().atMost(Duration.ofSeconds(10)).until(() -> seqs.getOrDefault("MARKET_PRICE:", List.of()).size() == busy);
    List<Long> busySeqs = seqs.get("MARKET_PRICE:");
    List<Long> slowSeqs = seqs.get("MARKET_SENTIMENT:");
    assertThat(busySeqs).as("every state message of the busy lane, each above the one before").isSorted().doesNotHaveDuplicates();
    assertThat(busySeqs.get(busy - 1)).as("the busy lane went through several blocks").isGreaterThan(2 * OwnedStreams.STATE_BLOCK);
    assertThat(slowSeqs).hasSize(busy / 200 + 1);
    for (int i = 1; i < slowSeqs.size(); i++) {
      assertThat(slowSeqs.get(i)).as("the slow lane's next seq").isEqualTo(slowSeqs.get(i - 1) + 1);
    }
  }

  @Test
  void standingStreamsArePublishedByOneMemberEachWithoutAWatchAndTheirKeptStateIsReadEverywhere() {
    Set<String> standing = java.util.stream.IntStream.range(0, 40).mapToObj(i -> "symbol-" + i).collect(Collectors.toSet());
    Totals first = new Standing(standing);
    Totals second = new Standing(standing);
    OwnedStreams<Double> firstStreams = start(0, first);
    await().atMost(Duration.ofSeconds(10)).until(() -> first.owned.size() == standing.size());
    OwnedStreams<Double> secondStreams = start(1, second);

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(first.owned.size() + second.owned.size()).isEqualTo(standing.size());
      assertThat(first.owned.keySet()).doesNotContainAnyElementsOf(second.owned.keySet());
      assertThat(second.owned).isNotEmpty();
    });
    String kept = second.owned.keySet().iterator().next();
    Promise<Void> keeping = Promise.promise();
    nodes.get(1).runOnContext(v -> {
      secondStreams.keepState(kept, 42.0);
      keeping.complete();
    });
    TestCluster.await(keeping.future());
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(TestCluster.await(firstStreams.view(kept)).state()).as("kept by its owner, read by the other").isEqualTo(42.0));

    members.get(1).getLifecycleService().terminate();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(first.owned.keySet()).as("the survivor publishes every standing stream").isEqualTo(standing);
      assertThat(second.owned).as("a member cut off from its stream cluster publishes nothing").isEmpty();
    });
    assertThat(TestCluster.await(firstStreams.view(kept)).state()).as("the kept state survives its owner").isEqualTo(42.0);
  }

  /** A service whose streams stand: published without a watch, like the market's symbols. */
  static final class Standing extends Totals {
    private final Set<String> keys;

    Standing(Set<String> keys) {
      this.keys = keys;
    }

    @Override
    public Set<String> standing() {
      return keys;
    }
  }

  @Test
  void aReplicaOnTheSmallerSideOfThePartitionRefusesFactsUntilTheQuorumIsBack() {
    OwnedStreams<Double> alone = start(0, new Totals(), 2);
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(TestCluster.await(alone.apply("q", new Add("q1", 1))
        .map(FactOutcome::result).recover(e -> Future.succeededFuture(
            e instanceof com.degenduel.realtime.node.ingest.FactRejected r && r.error() == FactError.SERVICE_UNAVAILABLE ? null
                : FactOutcome.Result.REFUSED))))
        .as("one replica of two needed: refused as unavailable").isNull());

    start(1, new Totals(), 2);

    await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
        .untilAsserted(() -> assertThat(apply(alone, "q", new Add("q1", 1)).result()).isNotEqualTo(FactOutcome.Result.REFUSED));
    assertThat(TestCluster.await(alone.view("q")).state()).isEqualTo(1.0);
  }

  @Test
  void aPartitionLostWithEveryCopyIsCountedHoldsReadinessAndItsStreamsStartOverUnderANewEpoch() {
    OwnedStreams<Double> survivor = start(0, new Totals());
    start(1, new Totals());
    start(2, new Totals());
    Map<String, String> epochs = new java.util.HashMap<>();
    for (int i = 0; i < 300; i++) {
      apply(survivor, "s" + i, new Add("f" + i, 1));
      epochs.put("s" + i, TestCluster.await(survivor.view("s" + i)).epoch());
    }
    io.micrometer.core.instrument.Counter lost = com.degenduel.realtime.node.management.NodeMetrics.of(nodes.get(0)).registry()
        .get("dd_streams_partitions_lost").tag("kind", "wallet").counter();

    // Two of three members die at once: partitions whose primary and backup were both on them are gone.
    members.get(1).getLifecycleService().terminate();
    members.get(2).getLifecycleService().terminate();

    await().atMost(Duration.ofSeconds(30)).until(() -> lost.count() > 0);
    await().atMost(Duration.ofSeconds(30)).until(() -> com.degenduel.realtime.node.management.NodeHealth.of(nodes.get(0))
        .readiness().ready());
    int startedOver = 0;
    for (int i = 0; i < 300; i++) {
      StreamView view = TestCluster.await(survivor.view("s" + i));
      if (view.epoch() == null) {
        startedOver++;
        FactOutcome again = apply(survivor, "s" + i, new Add("f" + i, 1));
        assertThat(again.seq()).as("a lost stream starts over").isEqualTo(1);
        assertThat(TestCluster.await(survivor.view("s" + i)).epoch()).isNotEqualTo(epochs.get("s" + i));
      } else {
        assertThat(view.epoch()).as("a kept stream keeps its epoch").isEqualTo(epochs.get("s" + i));
      }
    }
    assertThat(startedOver).as("streams of the lost partitions").isPositive().isLessThan(300);
  }

  private OwnedStreams<Double> start(int index, Totals totals) {
    return start(index, totals, 0);
  }

  private OwnedStreams<Double> start(int index, Totals totals, int quorum) {
    NodeConfig config = NodeConfig.defaults()
        .with(Setting.STREAMS_QUORUM, quorum)
        .with(Setting.STREAMS_PORT, ports.get(index))
        .with(Setting.STREAMS_MEMBERS, ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(",")));
    Vertx vertx = Vertx.vertx();
    EventBusCodecs.registerAll(vertx.eventBus());
    nodes.add(vertx);
    HazelcastInstance member = TestCluster.await(StreamCluster.join(vertx, config, SERVICE));
    members.add(member);
    Promise<OwnedStreams<Double>> started = Promise.promise();
    vertx.runOnContext(v -> {
      contexts.add(Vertx.currentContext());
      OwnedStreams.start(vertx, member, StreamCluster.mapName(SERVICE), StreamKind.WALLET, totals, HISTORY).onComplete(started);
    });
    return TestCluster.await(started.future());
  }

  private double primaryPartitions(int node) {
    return com.degenduel.realtime.node.management.NodeMetrics.of(nodes.get(node)).registry()
        .get("dd_streams_primary_partitions").tag("kind", "wallet").gauge().value();
  }

  private static FactOutcome apply(OwnedStreams<Double> streams, String key, Add fact) {
    return TestCluster.await(streams.apply(key, fact));
  }
}
