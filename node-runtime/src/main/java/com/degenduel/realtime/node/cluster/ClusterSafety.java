package com.degenduel.realtime.node.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.Partition;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until Hazelcast has re-homed the partitions of members that left. Right after a member dies
 * its partitions are being promoted from backups and migrated, and a read over a whole map (as a new
 * owner's reload of the cluster state is) can miss the entries of partitions in flight; once the
 * cluster is safe again every entry is where it is read.
 */
public final class ClusterSafety {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterSafety.class);
  private static final long POLL_MS = 100;

  private ClusterSafety() {}

  /** Completes when the cluster is safe, or after {@code patience} (logged) so a takeover never hangs. */
  public static Future<Void> settled(Vertx vertx, Duration patience) {
    if (!(((VertxInternal) vertx).clusterManager() instanceof HazelcastClusterManager hazelcast)) {
      return Future.succeededFuture();
    }
    Promise<Void> settled = Promise.promise();
    poll(vertx, hazelcast, System.nanoTime() + patience.toNanos(), settled);
    return settled.future();
  }

  /**
   * Safe means every partition is owned by a current member (the dead one's partitions have been
   * given to survivors: right after a death the table may still name it, and Hazelcast then reports
   * the cluster safe although reads of those partitions come back empty) and no migration or
   * backup sync is under way.
   */
  private static boolean isSafe(HazelcastInstance hazelcast) {
    Set<Member> members = hazelcast.getCluster().getMembers();
    for (Partition partition : hazelcast.getPartitionService().getPartitions()) {
      if (partition.getOwner() == null || !members.contains(partition.getOwner())) {
        return false;
      }
    }
    return hazelcast.getPartitionService().isClusterSafe();
  }

  private static void poll(Vertx vertx, HazelcastClusterManager hazelcast, long deadline, Promise<Void> settled) {
    // isClusterSafe asks the other members about their replicas: not on an event loop.
    vertx.executeBlocking(() -> isSafe(hazelcast.getHazelcastInstance()), false)
        .onComplete(safe -> {
          if (safe.succeeded() && safe.result()) {
            settled.complete();
          } else if (System.nanoTime() > deadline) {
            LOG.warn("the cluster is still re-homing partitions; going on without waiting longer");
            settled.complete();
          } else {
            vertx.setTimer(POLL_MS, id -> poll(vertx, hazelcast, deadline, settled));
          }
        });
  }
}
