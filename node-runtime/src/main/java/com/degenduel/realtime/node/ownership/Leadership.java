package com.degenduel.realtime.node.ownership;

import com.degenduel.realtime.node.cluster.ClusterSafety;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.core.spi.cluster.ClusterManager;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Elects the one replica of a service that publishes its streams, with a lease in the cluster map
 * {@value #MAP}: one record per service, {@code {holder, epoch, renewals}}, changed only by
 * compare-and-set. The holder renews it several times per lease; every replica checks it at the
 * same pace and takes it over (epoch + 1) when the holder has left the cluster, has released it,
 * or has not renewed it for a whole lease as measured on the checker's own monotonic clock, so no
 * two machines' wall clocks are ever compared.
 *
 * <p>A new owner first waits for the cluster to be safe again (the partitions of a dead member
 * re-homed), because its duties begin by reading whole maps back (state, {@code seq} positions).
 *
 * <p>The epoch is the fencing token: a renewal is a compare-and-set on the exact record the holder
 * wrote, so a holder that was replaced (paused, cut off) fails its next renewal and steps down at
 * once; one that cannot reach the map steps down by itself before a standby could take over.
 *
 * <p>This is a lease over Hazelcast's AP maps rather than the CP subsystem, which needs at least
 * three members to be safe. The price: while a network partition lasts, each side may elect its
 * own owner; the gateways' duplicate filter by {@code seq} keeps what clients see in order.
 *
 * <p>Confined to the event loop of the verticle that creates it.
 */
public final class Leadership {
  /** The cluster map of leases, one per service; a {@code dd.*} map, so it has a backup. */
  public static final String MAP = "dd.ownership";

  private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);
  /** How long a new owner waits for the cluster to re-home a dead member's partitions before reloading state. */
  private static final Duration SETTLING_PATIENCE = Duration.ofSeconds(10);

  /** What the owner does: start publishing (numbered from {@code epoch}'s takeover) and stop. */
  public interface Duties {
    Future<Void> activate(long epoch);

    Future<Void> deactivate();
  }

  private final Vertx vertx;
  private final String service;
  private final long leaseNanos;
  private final long checkMs;
  private final Duties duties;
  private final ClusterManager members;
  private final String nodeId;
  private AsyncMap<String, JsonObject> leases;
  private long timer = -1;
  private boolean busy;
  private boolean stopped;
  private JsonObject held;
  private long lastRenewalNanos;
  private JsonObject observed;
  private long observedSinceNanos;
  private String holderSeenAsMember;
  private Future<Void> transitions = Future.succeededFuture();

  public Leadership(Vertx vertx, String service, Duration lease, Duties duties) {
    if (lease.toMillis() < 200) {
      throw new IllegalArgumentException("the ownership lease must be at least 200 ms");
    }
    this.vertx = vertx;
    this.service = service;
    this.leaseNanos = lease.toNanos();
    this.checkMs = Math.max(50, lease.toMillis() / 4);
    this.duties = duties;
    this.members = ((VertxInternal) vertx).clusterManager();
    this.nodeId = members == null ? UUID.randomUUID().toString() : members.getNodeId();
  }

  /** Joins the election; completes once the first check has run and, if it won the lease, this replica publishes. */
  public Future<Void> start() {
    return vertx.sharedData()
        .<String, JsonObject>getClusterWideMap(MAP)
        .compose(map -> {
          leases = map;
          timer = vertx.setPeriodic(checkMs, id -> check());
          return checkNow().compose(v -> transitions);
        });
  }

  /** Stops publishing, then hands the lease back so that a standby takes over without waiting for it to expire. */
  public Future<Void> stop() {
    stopped = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    if (held == null) {
      return transitions;
    }
    JsonObject released = held.copy().putNull("holder");
    JsonObject mine = held;
    stepDown("stopping");
    return transitions
        .compose(v -> leases.replaceIfPresent(service, mine, released))
        .<Void>mapEmpty()
        .recover(e -> Future.succeededFuture());
  }

  public boolean isOwner() {
    return held != null;
  }

  /** The epoch of this replica's current ownership, 0 while it is a standby. */
  public long epoch() {
    return held == null ? 0 : held.getLong("epoch");
  }

  private void check() {
    if (!busy && !stopped) {
      checkNow();
    }
  }

  private Future<Void> checkNow() {
    busy = true;
    long started = System.nanoTime();
    return leases.get(service)
        .compose(current -> held != null ? renew(current, started) : contend(current, started))
        .recover(e -> {
          onUnreachable(started, e);
          return Future.succeededFuture();
        })
        .onComplete(r -> busy = false);
  }

  private Future<Void> renew(JsonObject current, long started) {
    if (!held.equals(current)) {
      stepDown("the lease was taken over (now " + current + ")");
      return Future.succeededFuture();
    }
    JsonObject renewed = held.copy().put("renewals", held.getLong("renewals") + 1);
    return leases.replaceIfPresent(service, held, renewed).map(ok -> {
      if (held == null) {
        return null;
      }
      if (ok) {
        held = renewed;
        lastRenewalNanos = started;
      } else {
        stepDown("the lease changed under the renewal");
      }
      return null;
    });
  }

  private Future<Void> contend(JsonObject current, long started) {
    if (current == null) {
      JsonObject claim = lease(1);
      return leases.putIfAbsent(service, claim).map(previous -> {
        if (previous == null) {
          takeOver(claim, started, "no owner yet");
        }
        return null;
      });
    }
    String reason = vacancy(current, started);
    if (reason == null) {
      return Future.succeededFuture();
    }
    JsonObject claim = lease(current.getLong("epoch") + 1);
    return leases.replaceIfPresent(service, current, claim).map(ok -> {
      if (ok) {
        takeOver(claim, started, reason);
      }
      return null;
    });
  }

  /** Why the lease may be taken now, or null while its holder is to be trusted. */
  private String vacancy(JsonObject current, long now) {
    String holder = current.getString("holder");
    if (holder == null) {
      return "the previous owner released it";
    }
    if (!current.equals(observed)) {
      observed = current;
      observedSinceNanos = now;
    }
    if (members != null) {
      // Only a holder once seen as a member counts as gone: a member that has just joined may hold
      // the lease before this node hears of it.
      if (members.getNodes().contains(holder)) {
        holderSeenAsMember = holder;
      } else if (holder.equals(holderSeenAsMember)) {
        return "owner " + holder + " left the cluster";
      }
    }
    if (now - observedSinceNanos >= leaseNanos) {
      return "owner " + holder + " stopped renewing";
    }
    return null;
  }

  private JsonObject lease(long epoch) {
    return new JsonObject().put("holder", nodeId).put("epoch", epoch).put("renewals", 0L);
  }

  private void takeOver(JsonObject claim, long started, String reason) {
    held = claim;
    lastRenewalNanos = started;
    observed = null;
    long epoch = claim.getLong("epoch");
    LOG.info("{}: this node now owns the streams (epoch {}): {}", service, epoch, reason);
    transitions = transitions
        .compose(v -> ClusterSafety.settled(vertx, SETTLING_PATIENCE))
        .compose(v -> duties.activate(epoch))
        .recover(e -> {
          LOG.error("{}: could not take up the streams (epoch {}); giving them up", service, epoch, e);
          if (held != null && held.getLong("epoch") == epoch) {
            stepDown("activation failed");
          }
          return Future.succeededFuture();
        });
  }

  private void stepDown(String reason) {
    if (held == null) {
      return;
    }
    LOG.info("{}: this node no longer owns the streams (epoch {}): {}", service, held.getLong("epoch"), reason);
    held = null;
    observed = null;
    transitions = transitions.compose(v -> duties.deactivate()).recover(e -> {
      LOG.warn("{}: stepping down did not complete cleanly", service, e);
      return Future.succeededFuture();
    });
  }

  /**
   * The map did not answer. A standby simply tries again; an owner keeps publishing only while a
   * standby could not yet have taken over, i.e. for less than a lease since its last renewal.
   */
  private void onUnreachable(long now, Throwable e) {
    if (held != null && now - lastRenewalNanos >= leaseNanos * 2 / 3) {
      stepDown("the lease could not be renewed: " + e.getMessage());
    } else {
      LOG.debug("{}: lease check failed: {}", service, e.toString());
    }
  }
}
