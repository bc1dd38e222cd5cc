package com.degenduel.realtime.gateway.security;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Concurrent connections per wallet across every gateway of the cluster. Each gateway process
 * writes only its own count, under the key {@code wallet|member}, and sums the entries of the
 * members alive now, so a gateway that dies stops counting at once; its stale entries are purged
 * when it leaves. Two gateways admitting the same wallet in the same instant may overshoot the
 * limit by one; that is the price of not taking a cluster lock per connection.
 *
 * <p>Within one gateway, updates of the same wallet are serialized by a lock stripe so that the
 * count written to the cluster never goes backwards; different wallets proceed in parallel on the
 * worker pool, so a reconnect storm is bounded by cluster round-trips, not by one lock.
 */
public final class WalletConnectionLimiter {
  public static final String MAP = "dd.gateway.wallet-connections";
  private static final int STRIPES = 256;

  private final Vertx vertx;
  private final ClusterManager cluster;
  private final IMap<String, Integer> counts;
  private final String self;
  private final int max;
  private final Map<String, Integer> local = new ConcurrentHashMap<>();
  private final Object[] stripes = new Object[STRIPES];

  private WalletConnectionLimiter(Vertx vertx, HazelcastInstance hazelcast, ClusterManager cluster, int max) {
    this.vertx = vertx;
    this.cluster = cluster;
    this.counts = hazelcast.getMap(MAP);
    this.self = cluster.getNodeId();
    this.max = max;
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Object();
    }
    hazelcast.getCluster().addMembershipListener(new PurgeDeparted());
  }

  public static WalletConnectionLimiter create(Vertx vertx, int max) {
    ClusterManager cluster = ((VertxInternal) vertx).clusterManager();
    HazelcastInstance hazelcast = ((HazelcastClusterManager) cluster).getHazelcastInstance();
    return new WalletConnectionLimiter(vertx, hazelcast, cluster, max);
  }

  /** Reserves one connection for the wallet, or answers false when it already holds the maximum. */
  public Future<Boolean> tryAcquire(String wallet) {
    return vertx.executeBlocking(
        () -> {
          synchronized (stripeOf(wallet)) {
            int mine = local.getOrDefault(wallet, 0);
            if (mine + othersOf(wallet) >= max) {
              return false;
            }
            local.put(wallet, mine + 1);
            counts.set(key(wallet, self), mine + 1);
            return true;
          }
        },
        false);
  }

  public Future<Void> release(String wallet) {
    return vertx.executeBlocking(
        () -> {
          synchronized (stripeOf(wallet)) {
            int left = local.getOrDefault(wallet, 0) - 1;
            if (left <= 0) {
              local.remove(wallet);
              counts.delete(key(wallet, self));
            } else {
              local.put(wallet, left);
              counts.set(key(wallet, self), left);
            }
            return null;
          }
        },
        false);
  }

  private Object stripeOf(String wallet) {
    return stripes[Math.floorMod(wallet.hashCode(), STRIPES)];
  }

  private int othersOf(String wallet) {
    List<String> members = cluster.getNodes();
    Set<String> keys = new HashSet<>();
    for (String member : members) {
      if (!member.equals(self)) {
        keys.add(key(wallet, member));
      }
    }
    return keys.isEmpty() ? 0 : counts.getAll(keys).values().stream().mapToInt(Integer::intValue).sum();
  }

  private static String key(String wallet, String member) {
    return wallet + "|" + member;
  }

  private final class PurgeDeparted implements MembershipListener {
    @Override
    public void memberAdded(MembershipEvent event) {}

    @Override
    public void memberRemoved(MembershipEvent event) {
      String departed = event.getMember().getUuid().toString();
      vertx.executeBlocking(() -> {
        counts.removeAll(Predicates.like("__key", "%|" + departed));
        return null;
      }, false);
    }
  }
}
