package com.degenduel.realtime.gateway.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.degenduel.realtime.codec.close.CloseCode;
import com.degenduel.realtime.codec.message.control.ErrorMessage;
import com.degenduel.realtime.codec.message.control.Resumed;
import com.degenduel.realtime.codec.stream.Addresses;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.gateway.metrics.GatewayMetrics;
import com.degenduel.realtime.testkit.TestCluster;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.internal.VertxInternal;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Measures what 10,000 portfolio subscribers cost the cluster: the gateway's registrations must be
 * bounded by the wallet shards, not grow with users.
 */
class RegistrationCountTest {
  private static final int WALLETS = 10_000;

  private static final class Sink implements Subscriber {
    @Override
    public void deliver(OutboundFrame frame) {}

    @Override
    public void notify(ErrorMessage error) {}

    @Override
    public void reject(ErrorMessage error, CloseCode close) {}

    @Override
    public void resumed(Resumed resumed) {}
  }

  @Test
  void tenThousandWalletsNeedAtMostOneRegistrationPerShard() {
    try (TestCluster cluster = TestCluster.start(1)) {
      HazelcastInstance hazelcast =
          ((HazelcastClusterManager) ((VertxInternal) cluster.node(0)).clusterManager()).getHazelcastInstance();
      int before = hazelcast.getMultiMap("__vertx.subs").size();
      Context context = cluster.node(0).getOrCreateContext();
      Promise<StreamHub> ready = Promise.promise();
      List<Sink> sinks = new ArrayList<>();
      context.runOnContext(
          v -> {
            StreamHub hub = new StreamHub(cluster.node(0), Duration.ofMillis(200), GatewayMetrics.of(cluster.node(0)));
            for (int i = 0; i < WALLETS; i++) {
              Sink sink = new Sink();
              sinks.add(sink);
              hub.subscribe(StreamId.wallet(String.format("Wa11et%038d", i)), sink);
            }
            ready.complete(hub);
          });
      StreamHub hub = TestCluster.await(ready.future());
      awaitRegistrations(hazelcast, before + Addresses.WALLET_SHARDS);

      Promise<int[]> counts = Promise.promise();
      context.runOnContext(v -> counts.complete(new int[] {hub.streamCount(), hub.registrationCount()}));
      int[] measured = TestCluster.await(counts.future());
      int clusterWide = hazelcast.getMultiMap("__vertx.subs").size() - before;
      System.out.printf("registrations for %d wallets: local %d, cluster-wide %d%n", WALLETS, measured[1], clusterWide);
      assertThat(measured[0]).isEqualTo(WALLETS);
      assertThat(measured[1]).isEqualTo(Addresses.WALLET_SHARDS);
      assertThat(clusterWide).isEqualTo(Addresses.WALLET_SHARDS);

      Promise<Integer> afterLeaving = Promise.promise();
      context.runOnContext(
          v -> {
            for (int i = 0; i < WALLETS; i++) {
              hub.unsubscribe(StreamId.wallet(String.format("Wa11et%038d", i)), sinks.get(i));
            }
            afterLeaving.complete(hub.registrationCount());
          });
      assertThat(TestCluster.await(afterLeaving.future())).as("the last subscriber leaving releases the shard").isZero();
    }
  }

  private static void awaitRegistrations(HazelcastInstance hazelcast, int expected) {
    await().atMost(Duration.ofSeconds(30)).until(() -> hazelcast.getMultiMap("__vertx.subs").size() >= expected);
  }
}
