package com.degenduel.realtime.testkit;

import com.degenduel.realtime.node.cluster.ClusterNode;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.hazelcast.core.Hazelcast;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real Hazelcast cluster on loopback for tests: TCP-IP join, no multicast, free ports, every
 * member listing every other, and the event bus on mutual TLS with the test JVM's member
 * certificate ({@link TestTls#member}). Nodes are real clustered Vert.x instances built by the
 * same {@link ClusterNode} the processes use.
 */
public final class TestCluster implements AutoCloseable {
  private final List<Integer> hazelcastPorts = new ArrayList<>();
  /** Each member's port in a service's stream cluster, should it run a stream-owning service. */
  private final List<Integer> streamsPorts = new ArrayList<>();
  private final List<Integer> eventBusPorts = new ArrayList<>();
  private final List<Vertx> nodes = new ArrayList<>();
  private final NodeConfig base;

  private TestCluster(int size, NodeConfig base) {
    for (int i = 0; i < size; i++) {
      hazelcastPorts.add(FreePorts.next());
      streamsPorts.add(FreePorts.next());
      eventBusPorts.add(FreePorts.next());
    }
    this.base = base;
  }

  /** Starts {@code size} members, one after another so that each joins the one before it. */
  public static TestCluster start(int size) {
    return start(size, NodeConfig.defaults());
  }

  public static TestCluster start(int size, NodeConfig base) {
    TestCluster cluster = new TestCluster(size, base);
    for (int i = 0; i < size; i++) {
      cluster.nodes.add(await(ClusterNode.start(cluster.configFor(i))));
    }
    return cluster;
  }

  /**
   * The configuration of member {@code index}: its own Hazelcast ports (node cluster and stream
   * cluster), all members listed, event bus on loopback with the member certificate, and
   * development mode, in which roles verify the development tokens of {@link TestTokens}.
   */
  public NodeConfig configFor(int index) {
    return TestTls.memberConfig(base).with(Setting.DEV_MODE, true)
        .with(Setting.CLUSTER_PORT, hazelcastPorts.get(index))
        .with(Setting.CLUSTER_MEMBERS, loopback(hazelcastPorts))
        .with(Setting.STREAMS_PORT, streamsPorts.get(index))
        .with(Setting.STREAMS_MEMBERS, loopback(streamsPorts))
        .with(Setting.EVENTBUS_HOST, "127.0.0.1")
        .with(Setting.EVENTBUS_PORT, eventBusPorts.get(index));
  }

  /** The port of member {@code index}'s Hazelcast member in the node cluster. */
  public int hazelcastPort(int index) {
    return hazelcastPorts.get(index);
  }

  /** The port member {@code index}'s event bus listens on. */
  public int eventBusPort(int index) {
    return eventBusPorts.get(index);
  }

  private static String loopback(List<Integer> ports) {
    return ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
  }

  /**
   * Crashes the stream-cluster member that a stream-owning service on node {@code index} runs,
   * as a SIGKILL would: its partitions are not handed over, the other members find it gone.
   */
  public void crashStreamMember(int index) {
    int port = streamsPorts.get(index);
    Hazelcast.getAllHazelcastInstances().stream()
        .filter(h -> h.getCluster().getLocalMember().getAddress().getPort() == port)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no stream-cluster member on port " + port))
        .getLifecycleService()
        .terminate();
  }

  public Vertx node(int index) {
    return nodes.get(index);
  }

  public List<Vertx> nodes() {
    return List.copyOf(nodes);
  }

  /** Stops one member, as a node failure or restart would. */
  public void stop(int index) {
    await(nodes.get(index).close());
  }

  @Override
  public void close() {
    for (Vertx node : nodes) {
      try {
        node.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // already closed by a test that stopped it
      }
    }
  }

  public static <T> T await(Future<T> future) {
    return await(future, Duration.ofSeconds(60));
  }

  public static <T> T await(Future<T> future, Duration timeout) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("future did not complete: " + e, e);
    }
  }
}
