package com.degenduel.realtime.node.streams;

import com.degenduel.realtime.node.cluster.ClusterNode;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MergePolicyConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.spi.merge.PutIfAbsentMergePolicy;
import com.hazelcast.spi.properties.ClusterProperty;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionOn;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hazelcast cluster of one service's replicas, which holds that service's stream records. Its
 * partition table is the service's ownership table: a stream is published by the replica that is
 * primary for the stream key's partition, so replicas share the streams, a joining replica takes
 * its share by migration, and a dead one's streams move to the replicas holding their backups.
 * Gateways and other services are members of the node cluster only, never of this one, so they
 * never own a stream.
 *
 * <p>It takes cluster.xml's settings (heartbeats, join) under its own cluster name, on the node
 * cluster's interface and {@code DD_STREAMS_PORT} with the {@code DD_STREAMS_MEMBERS} list. Records are kept in memory as objects
 * (an entry processor changes them in place, with no deserialisation per fact) with one
 * synchronous backup: every acknowledged fact is on two members. With {@code DD_STREAMS_QUORUM}
 * the records are split-brain protected: a side of a network partition with fewer replicas than
 * that refuses to read or write them.
 */
public final class StreamCluster {
  private static final Logger LOG = LoggerFactory.getLogger(StreamCluster.class);
  private static final Duration SETTLING_PATIENCE = Duration.ofSeconds(30);
  private static final long SETTLING_POLL_MS = 100;

  private StreamCluster() {}

  /** The map of a service's stream records. */
  public static String mapName(String service) {
    return "streams." + service;
  }

  /**
   * Joins (or forms) the service's stream cluster, and completes once the partitions have been
   * rebalanced with this member and every partition has its backup: a replica that served before
   * would otherwise acknowledge facts whose backup is still being created. Blocking work, done off
   * the event loop.
   */
  public static Future<HazelcastInstance> join(Vertx vertx, NodeConfig config, String service) {
    // Building the configuration may resolve the cluster host's name.
    return vertx.executeBlocking(() -> config(config, service), false).compose(hazelcast -> join(vertx, hazelcast, service));
  }

  static Future<HazelcastInstance> join(Vertx vertx, Config hazelcast, String service) {
    return vertx.executeBlocking(() -> {
      HazelcastInstance member = Hazelcast.newHazelcastInstance(hazelcast);
      long deadline = System.nanoTime() + SETTLING_PATIENCE.toNanos();
      while (!member.getPartitionService().isClusterSafe() && System.nanoTime() < deadline) {
        Thread.sleep(SETTLING_POLL_MS);
      }
      if (!member.getPartitionService().isClusterSafe()) {
        LOG.warn("{} streams: partitions still migrating after {}; serving anyway", service, SETTLING_PATIENCE);
      }
      return member;
    }, false);
  }

  /** Leaves gracefully: Hazelcast hands this member's partitions to the others before it goes. */
  public static Future<Void> leave(Vertx vertx, HazelcastInstance member) {
    return vertx.executeBlocking(() -> {
      member.shutdown();
      return null;
    }, false);
  }

  static Config config(NodeConfig config, String service) {
    Config hazelcast = ClusterNode.hazelcastConfig(
        config, config.getInt(Setting.STREAMS_PORT), config.getList(Setting.STREAMS_MEMBERS));
    hazelcast.setClusterName(hazelcast.getClusterName() + "-" + service);
    hazelcast.setInstanceName("dd-streams-" + service + "-" + UUID.randomUUID());
    // A fact is acknowledged only once its backup holds it: an invocation whose backup did not
    // answer in time, or whose primary left mid-way, fails (the backend retries, idempotently)
    // instead of counting as done on a replica that may be cut off and overruled by a merge.
    hazelcast.setProperty(ClusterProperty.FAIL_ON_INDETERMINATE_OPERATION_STATE.getName(), "true");
    MapConfig records = new MapConfig(mapName(service))
        .setInMemoryFormat(InMemoryFormat.OBJECT)
        .setBackupCount(1)
        .setAsyncBackupCount(0)
        // On a merge after a network partition the larger side's records stand; a record only the
        // smaller side has is added. With a quorum the smaller side acknowledged no fact.
        .setMergePolicyConfig(new MergePolicyConfig(PutIfAbsentMergePolicy.class.getName(), MergePolicyConfig.DEFAULT_BATCH_SIZE));
    int quorum = config.getInt(Setting.STREAMS_QUORUM);
    if (quorum >= 2) {
      String name = "streams-" + service + "-quorum";
      hazelcast.addSplitBrainProtectionConfig(new SplitBrainProtectionConfig(name, true, quorum)
          .setProtectOn(SplitBrainProtectionOn.READ_WRITE));
      records.setSplitBrainProtectionName(name);
    }
    hazelcast.addMapConfig(records);
    return hazelcast;
  }
}
