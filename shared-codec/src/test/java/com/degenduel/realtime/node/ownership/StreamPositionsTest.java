package com.degenduel.realtime.node.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.codec.message.market.MarketPrice;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.codec.stream.StreamKind;
import com.degenduel.realtime.codec.stream.StreamSequencer;
import com.degenduel.realtime.testkit.TestCluster;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A successor continues each lane's numbering past where the previous owner got to. */
class StreamPositionsTest {

  @Test
  void aSuccessorOnAnotherMemberResumesEveryLanePastTheStoredPosition() throws Exception {
    try (TestCluster cluster = TestCluster.start(2)) {
      StreamId btc = StreamId.market("BTC");
      StreamId eth = StreamId.market("ETH");
      Vertx first = cluster.node(0);
      StreamSequencer owner = new StreamSequencer();
      StreamPositions ownerPositions = new StreamPositions(first, "test-market", owner);
      onContext(first, ownerPositions::resume);
      long lastBtc = onContext(first, () -> {
        long last = 0;
        for (int i = 0; i < 40; i++) {
          last = owner.next(btc, price("BTC", i)).seq();
        }
        owner.next(eth, price("ETH", 1));
        return Future.succeededFuture(last);
      });
      assertThat(lastBtc).isEqualTo(40);
      Thread.sleep(500);

      Vertx second = cluster.node(1);
      StreamSequencer successor = new StreamSequencer();
      onContext(second, () -> new StreamPositions(second, "test-market", successor).resume());

      assertThat(successor.last(btc, MessageType.MARKET_PRICE)).isEqualTo(40 + StreamPositions.TAKEOVER_GAP);
      assertThat(successor.last(eth, MessageType.MARKET_PRICE)).isEqualTo(1 + StreamPositions.TAKEOVER_GAP);
      assertThat(successor.last(StreamId.market("SOL"), MessageType.MARKET_PRICE)).as("never published").isZero();
    }
  }

  @Test
  void lanesThatAdvanceWhileAWriteIsUnderWayAreAllStored() throws Exception {
    try (TestCluster cluster = TestCluster.start(2)) {
      int lanes = 500;
      Vertx first = cluster.node(0);
      StreamSequencer owner = new StreamSequencer();
      StreamPositions ownerPositions = new StreamPositions(first, "test-many", owner);
      onContext(first, ownerPositions::resume);
      onContext(first, () -> {
        for (int round = 1; round <= 3; round++) {
          for (int i = 0; i < lanes; i++) {
            owner.next(StreamId.market("S" + i), price("S" + i, round));
          }
        }
        return Future.succeededFuture();
      });
      awaitStored(first, "dd.seq.test-many", lanes, 3);

      Vertx second = cluster.node(1);
      StreamSequencer successor = new StreamSequencer();
      onContext(second, () -> new StreamPositions(second, "test-many", successor).resume());

      for (int i = 0; i < lanes; i++) {
        assertThat(successor.last(StreamId.market("S" + i), MessageType.MARKET_PRICE))
            .as("lane " + i).isEqualTo(3 + StreamPositions.TAKEOVER_GAP);
      }
    }
  }

  @Test
  void aStandbyDoesNotWriteItsNumbers() throws Exception {
    try (TestCluster cluster = TestCluster.start(1)) {
      Vertx node = cluster.node(0);
      StreamSequencer standby = new StreamSequencer();
      StreamPositions positions = new StreamPositions(node, "test-standby", standby);
      onContext(node, positions::resume);
      onContext(node, () -> {
        positions.suspend();
        standby.next(StreamId.market("BTC"), price("BTC", 1));
        return Future.succeededFuture();
      });
      Thread.sleep(300);
      int stored = TestCluster.await(
          node.sharedData().<String, Long>getClusterWideMap("dd.seq.test-standby").compose(m -> m.size()));
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

  /** Waits until the map holds {@code lanes} positions, all at {@code seq}. */
  private static void awaitStored(Vertx vertx, String map, int lanes, long seq) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      Map<String, Long> stored =
          TestCluster.await(vertx.sharedData().<String, Long>getClusterWideMap(map).compose(m -> m.entries()));
      if (stored.size() == lanes && stored.values().stream().allMatch(v -> v == seq)) {
        return;
      }
      assertThat(System.nanoTime()).as("positions stored in time: %s", stored.size()).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private static <T> T onContext(Vertx vertx, Supplier<Future<T>> work) {
    Promise<T> done = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> work.get().onComplete(done));
    return TestCluster.await(done.future(), Duration.ofSeconds(20));
  }
}
