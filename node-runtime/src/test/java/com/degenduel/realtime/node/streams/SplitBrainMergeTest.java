package com.degenduel.realtime.node.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.degenduel.realtime.codec.bus.EventBusCodecs;
import com.degenduel.realtime.codec.stream.StreamKind;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.node.ingest.FactError;
import com.degenduel.realtime.node.ingest.FactRejected;
import com.degenduel.realtime.node.streams.OwnedStreamsTest.Add;
import com.degenduel.realtime.node.streams.OwnedStreamsTest.Totals;
import com.degenduel.realtime.testkit.TestCluster;
import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.spi.properties.ClusterProperty;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A real network partition between three replicas of a stream cluster with a quorum of two, and
 * its healing: the members reach each other only through proxies that the test cuts
 * ({@link NetworkPartition}), and Hazelcast's own split-brain handler merges the two sides again.
 */
class SplitBrainMergeTest {
  private static final String SERVICE = "toy";
  private static final HistoryLimits HISTORY = OwnedStreamsTest.HISTORY;
  private static final int STREAMS = 60;

  private final List<Vertx> nodes = new ArrayList<>();
  private final List<HazelcastInstance> members = new ArrayList<>();
  private NetworkPartition network;

  @AfterEach
  void stop() {
    members.forEach(m -> m.getLifecycleService().terminate());
    nodes.forEach(v -> TestCluster.await(v.close()));
    if (network != null) {
      network.close();
    }
  }

  @Test
  void noAcknowledgedFactIsLostWhenTheNetworkSplitsAndHeals() {
    network = NetworkPartition.of(3);
    List<OwnedStreams<Double>> replicas = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      replicas.add(start(i));
    }
    awaitClusterSizes(3, 3, 3);
    OwnedStreams<Double> majority = replicas.get(0);
    OwnedStreams<Double> minority = replicas.get(2);
    Map<String, Double> acknowledged = new HashMap<>();
    for (int i = 0; i < STREAMS; i++) {
      assertThat(apply(minority, "s" + i, new Add("before-" + i, 1))).isEqualTo(FactOutcome.Result.APPLIED);
      acknowledged.merge("s" + i, 1.0, Double::sum);
    }

    network.cut(Set.of(2));
    // Whatever the cut-off replica is asked from the first moment on is either not acknowledged
    // (503: retry) or, if it was acknowledged, must survive the merge.
    Map<String, Add> refused = new LinkedHashMap<>();
    for (int i = 0; i < STREAMS; i++) {
      Add fact = new Add("cut-" + i, 100);
      FactOutcome.Result result = attempt(minority, "s" + i, fact);
      if (result == FactOutcome.Result.APPLIED) {
        acknowledged.merge("s" + i, 100.0, Double::sum);
      } else {
        refused.put("s" + i, fact);
      }
    }
    awaitClusterSizes(2, 2, 1);
    assertThat(attempt(minority, "s0", new Add("alone", 1))).as("the side without a quorum refuses").isNull();
    for (int i = 0; i < STREAMS; i++) {
      String key = "s" + i;
      Add fact = new Add("during-" + i, 2);
      await().atMost(Duration.ofSeconds(30)).until(() -> attempt(majority, key, fact), Predicate.isEqual(FactOutcome.Result.APPLIED)
          .or(Predicate.isEqual(FactOutcome.Result.DUPLICATE)));
      acknowledged.merge(key, 2.0, Double::sum);
    }

    network.heal();
    awaitClusterSizes(3, 3, 3);
    await().atMost(Duration.ofSeconds(60)).until(() -> members.get(0).getPartitionService().isClusterSafe());
    // A fact the cut-off replica did not acknowledge may still have reached a backup before the
    // cut: its reporter retries it, and it then counts once, whether applied now or before.
    for (Map.Entry<String, Add> retry : refused.entrySet()) {
      await().atMost(Duration.ofSeconds(30)).until(() -> attempt(minority, retry.getKey(), retry.getValue()),
          Predicate.isEqual(FactOutcome.Result.APPLIED).or(Predicate.isEqual(FactOutcome.Result.DUPLICATE)));
      acknowledged.merge(retry.getKey(), 100.0, Double::sum);
    }
    for (int i = 0; i < STREAMS; i++) {
      assertThat(TestCluster.await(majority.view("s" + i)).state()).as("s%d after the merge", i).isEqualTo(acknowledged.get("s" + i));
    }
  }

  /** The fact's outcome; null when it was not acknowledged because the replica could not record it safely. */
  private static FactOutcome.Result attempt(OwnedStreams<Double> replica, String key, Add fact) {
    return TestCluster.await(replica.apply(key, fact).map(FactOutcome::result).recover(e -> {
      if (e instanceof FactRejected r && r.error() == FactError.SERVICE_UNAVAILABLE) {
        return Future.succeededFuture(null);
      }
      return Future.failedFuture(e);
    }), Duration.ofSeconds(30));
  }

  private static FactOutcome.Result apply(OwnedStreams<Double> replica, String key, Add fact) {
    return TestCluster.await(replica.apply(key, fact)).result();
  }

  private void awaitClusterSizes(int... sizes) {
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      for (int i = 0; i < sizes.length; i++) {
        assertThat(members.get(i).getCluster().getMembers()).as("members seen by %d", i).hasSize(sizes[i]);
      }
    });
  }

  private OwnedStreams<Double> start(int index) {
    NetworkPartition.Member address = network.member(index);
    NodeConfig node = NodeConfig.defaults()
        .with(Setting.STREAMS_QUORUM, 2)
        .with(Setting.STREAMS_PORT, address.bindPort())
        .with(Setting.STREAMS_MEMBERS, String.join(",", network.publicAddresses()));
    Config config = StreamCluster.config(node, SERVICE);
    config.getNetworkConfig()
        .setPortAutoIncrement(false)
        .setPublicAddress(address.publicAddress())
        .addOutboundPortDefinition(address.outboundPorts());
    // Hazelcast looks for the other side of a split every few minutes by default; a test has seconds.
    config.setProperty(ClusterProperty.MERGE_FIRST_RUN_DELAY_SECONDS.getName(), "5");
    config.setProperty(ClusterProperty.MERGE_NEXT_RUN_DELAY_SECONDS.getName(), "5");
    Vertx vertx = Vertx.vertx();
    EventBusCodecs.registerAll(vertx.eventBus());
    nodes.add(vertx);
    HazelcastInstance member = TestCluster.await(StreamCluster.join(vertx, config, SERVICE), Duration.ofSeconds(60));
    members.add(member);
    Promise<OwnedStreams<Double>> started = Promise.promise();
    vertx.runOnContext(v -> OwnedStreams.start(vertx, member, StreamCluster.mapName(SERVICE), StreamKind.WALLET, new Totals(), HISTORY)
        .onComplete(started));
    return TestCluster.await(started.future());
  }
}
