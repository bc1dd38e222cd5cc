package com.degenduel.realtime.node.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.codec.message.market.MarketPrice;
import com.degenduel.realtime.codec.message.market.MarketVolume;
import com.degenduel.realtime.codec.message.market.VolumeInterval;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.codec.stream.StreamKind;
import com.degenduel.realtime.codec.stream.StreamSequencer;
import com.degenduel.realtime.testkit.TestCluster;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A successor continues each lane's numbering above anything the previous owner published. */
class StreamPositionsTest {
  private static final StreamId BTC = StreamId.market("BTC");
  private static final StreamSequencer.Position BTC_1M =
      new StreamSequencer.Position(BTC, MessageType.MARKET_VOLUME, "1m", 0);

  @Test
  void aSuccessorOnAnotherMemberResumesEveryLanePastWhatWasPublished() {
    try (TestCluster cluster = TestCluster.start(2)) {
      StreamId eth = StreamId.market("ETH");
      Context first = cluster.node(0).getOrCreateContext();
      StreamSequencer owner = new StreamSequencer();
      on(first, new StreamPositions(first.owner(), "test-market", owner)::resume);
      on(first, () -> {
        for (int i = 0; i < 40; i++) {
          owner.next(BTC, volume(VolumeInterval.M1, i));
        }
        owner.next(eth, price("ETH", 1));
        return Future.succeededFuture();
      });
      awaitStored(first.owner(), "test-market", BTC_1M, 40);
      awaitStored(first.owner(), "test-market", new StreamSequencer.Position(eth, MessageType.MARKET_PRICE, "", 0), 1);

      Context second = cluster.node(1).getOrCreateContext();
      StreamSequencer successor = new StreamSequencer();
      on(second, new StreamPositions(second.owner(), "test-market", successor)::resume);

      assertThat(on(second, () -> Future.succeededFuture(successor.next(BTC, volume(VolumeInterval.M1, 0)).seq())))
          .as("BTC 1m, after 40").isGreaterThan(40 + StreamPositions.TAKEOVER_GAP);
      assertThat(on(second, () -> Future.succeededFuture(successor.next(BTC, volume(VolumeInterval.M5, 0)).seq())))
          .as("BTC 5m: a lane of its own, never published").isEqualTo(1);
      assertThat(on(second, () -> Future.succeededFuture(successor.next(eth, price("ETH", 2)).seq())))
          .as("ETH, after 1").isGreaterThan(1 + StreamPositions.TAKEOVER_GAP);
      assertThat(successor.last(StreamId.market("SOL"), MessageType.MARKET_PRICE)).as("never published").isZero();
    }
  }

  /**
   * The owner's writes to the cluster lag behind its publishing; here it is killed in the middle of
   * a burst, before it could write anything for the burst, which is what a write still under way
   * (slow while a dead member's partitions are re-homed) amounts to.
   */
  @Test
  void aSuccessorNeverRepeatsANumberOfAnOwnerKilledInTheMiddleOfABurst() {
    try (TestCluster cluster = TestCluster.start(3)) {
      Context first = cluster.node(0).getOrCreateContext();
      StreamSequencer firstOwner = new StreamSequencer();
      StreamPositions firstPositions = new StreamPositions(first.owner(), "test-burst", firstOwner);
      on(first, firstPositions::resume);
      on(first, () -> {
        for (int i = 0; i < 5; i++) {
          firstOwner.next(BTC, volume(VolumeInterval.M1, i));
        }
        return Future.succeededFuture();
      });
      awaitStored(first.owner(), "test-burst", BTC_1M, 5);
      on(first, () -> {
        firstPositions.suspend();
        return Future.succeededFuture();
      });

      Vertx secondNode = cluster.node(1);
      Context second = secondNode.getOrCreateContext();
      StreamSequencer secondOwner = new StreamSequencer();
      on(second, new StreamPositions(secondNode, "test-burst", secondOwner)::resume);
      CountDownLatch killed = new CountDownLatch(1);
      Promise<Long> lastOfBurst = Promise.promise();
      second.runOnContext(v -> {
        long last = 0;
        for (int i = 0; i < 200; i++) {
          last = secondOwner.next(BTC, volume(VolumeInterval.M1, i)).seq();
        }
        lastOfBurst.complete(last);
        // Holding the event loop until the member is gone keeps the writes that the burst's
        // completions would start from starting: this owner dies with the burst unrecorded.
        try {
          killed.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      long published = TestCluster.await(lastOfBurst.future());
      hazelcast(secondNode).getLifecycleService().terminate();
      killed.countDown();

      Context third = cluster.node(2).getOrCreateContext();
      StreamSequencer successor = new StreamSequencer();
      on(third, new StreamPositions(third.owner(), "test-burst", successor)::resume);
      long next = on(third, () -> Future.succeededFuture(successor.next(BTC, volume(VolumeInterval.M1, 0)).seq()));
      assertThat(next).as("the successor's first BTC 1m after the killed owner's %d", published).isGreaterThan(published);
    }
  }

  /** Reserved ahead: a number is covered by a stored ceiling before it is given out, so a kill at any moment loses none. */
  @Test
  void theStoredCeilingStaysAheadOfEveryNumberGivenOut() {
    try (TestCluster cluster = TestCluster.start(1)) {
      Vertx node = cluster.node(0);
      Context context = node.getOrCreateContext();
      StreamSequencer owner = new StreamSequencer();
      on(context, new StreamPositions(node, "test-ahead", owner)::resume);
      on(context, () -> Future.succeededFuture(owner.next(BTC, volume(VolumeInterval.M1, 0))));
      long last = 1;
      for (int chunk = 0; chunk < 30; chunk++) {
        // Room for the next chunk, confirmed by the cluster, before it is published.
        awaitStored(node, "test-ahead", BTC_1M, last + 100);
        last = on(context, () -> {
          long seq = 0;
          for (int i = 0; i < 100; i++) {
            seq = owner.next(BTC, volume(VolumeInterval.M1, i)).seq();
          }
          return Future.succeededFuture(seq);
        });
        assertThat(stored(node, "test-ahead", BTC_1M)).as("ceiling right after publishing up to %d", last)
            .isGreaterThanOrEqualTo(last);
      }
      assertThat(last).as("several blocks used").isGreaterThan(2 * StreamPositions.BLOCK);
    }
  }

  /** A late write of an owner that was replaced must not pull the ceiling below what its successor reserved. */
  @Test
  void aCeilingIsNeverLowered() throws Exception {
    try (TestCluster cluster = TestCluster.start(1)) {
      Vertx node = cluster.node(0);
      Context context = node.getOrCreateContext();
      StreamSequencer owner = new StreamSequencer();
      on(context, new StreamPositions(node, "test-rise", owner)::resume);
      on(context, () -> Future.succeededFuture(owner.next(BTC, volume(VolumeInterval.M1, 0))));
      awaitStored(node, "test-rise", BTC_1M, 1);
      long successorsCeiling = 1_000_000;
      TestCluster.await(map(node, "test-rise").compose(m -> m.put(StreamPositions.encode(BTC_1M), successorsCeiling)));
      // Far enough to need the next block: the replaced owner writes again.
      on(context, () -> {
        for (int i = 0; i < StreamPositions.BLOCK; i++) {
          owner.next(BTC, volume(VolumeInterval.M1, i));
        }
        return Future.succeededFuture();
      });
      for (int sample = 0; sample < 20; sample++) {
        assertThat(stored(node, "test-rise", BTC_1M)).isEqualTo(successorsCeiling);
        Thread.sleep(50);
      }
    }
  }

  @Test
  void aStandbyDoesNotWriteItsNumbers() throws Exception {
    try (TestCluster cluster = TestCluster.start(1)) {
      Vertx node = cluster.node(0);
      Context context = node.getOrCreateContext();
      StreamSequencer standby = new StreamSequencer();
      StreamPositions positions = new StreamPositions(node, "test-standby", standby);
      on(context, positions::resume);
      on(context, () -> {
        positions.suspend();
        standby.next(BTC, price("BTC", 1));
        return Future.succeededFuture();
      });
      Thread.sleep(300);
      int stored = TestCluster.await(map(node, "test-standby").compose(AsyncMap::size));
      assertThat(stored).isZero();
    }
  }

  @Test
  void keysCarryAnyStreamKey() {
    StreamSequencer.Position position =
        new StreamSequencer.Position(new StreamId(StreamKind.CONTEST, "odd|key|with|bars"), MessageType.PARTICIPANT_ACTIVITY, "", 7);
    assertThat(StreamPositions.decode(StreamPositions.encode(position), 7)).isEqualTo(position);
    StreamSequencer.Position volume =
        new StreamSequencer.Position(StreamId.market("BTC"), MessageType.MARKET_VOLUME, "1h", 12);
    assertThat(StreamPositions.decode(StreamPositions.encode(volume), 12)).isEqualTo(volume);
    assertThat(StreamPositions.decode("garbage", 1)).isNull();
    assertThat(StreamPositions.decode("NOPE|MARKET_PRICE||BTC", 1)).isNull();
  }

  private static MarketPrice price(String symbol, double price) {
    return new MarketPrice(symbol, price, 0, 0, price, price, Instant.now());
  }

  private static MarketVolume volume(VolumeInterval interval, double volume) {
    return new MarketVolume("BTC", volume, 1, volume, 0, interval, Instant.now());
  }

  private static Future<AsyncMap<String, Long>> map(Vertx node, String service) {
    return node.sharedData().getClusterWideMap("dd.seq." + service);
  }

  private static long stored(Vertx node, String service, StreamSequencer.Position lane) {
    Long value = TestCluster.await(map(node, service).compose(m -> m.get(StreamPositions.encode(lane))));
    return value == null ? 0 : value;
  }

  private static void awaitStored(Vertx node, String service, StreamSequencer.Position lane, long atLeast) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    long seen;
    while ((seen = stored(node, service, lane)) < atLeast) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("stored " + seen + " for " + StreamPositions.encode(lane) + ", expected at least " + atLeast);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private static HazelcastInstance hazelcast(Vertx node) {
    return ((HazelcastClusterManager) ((VertxInternal) node).clusterManager()).getHazelcastInstance();
  }

  /** Runs on one event loop, as the owning verticle would: StreamPositions is confined to it. */
  private static <T> T on(Context context, Supplier<Future<T>> work) {
    Promise<T> done = Promise.promise();
    context.runOnContext(v -> work.get().onComplete(done));
    return TestCluster.await(done.future(), Duration.ofSeconds(20));
  }
}
