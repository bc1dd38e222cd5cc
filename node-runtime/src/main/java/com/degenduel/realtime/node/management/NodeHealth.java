package com.degenduel.realtime.node.management;

import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether this node should be sent traffic. It is ready when its cluster membership is active, no
 * role holds it back (a listener not bound yet, roles still deploying) and no role is draining.
 * Roles mark these from any thread; the management listener reads them on {@code /ready}.
 */
public final class NodeHealth {
  private static final String KEY = "health";

  private final Vertx vertx;
  private final AtomicLong holdIds = new AtomicLong();
  private final Map<Long, String> holds = new LinkedHashMap<>();
  private final List<String> draining = new ArrayList<>();

  private NodeHealth(Vertx vertx) {
    this.vertx = vertx;
  }

  public static NodeHealth of(Vertx vertx) {
    return NodeLocal.get(vertx, KEY, NodeHealth.class, () -> new NodeHealth(vertx));
  }

  /** Keeps the node not ready, for {@code reason}, until the returned hold is released. */
  public Hold hold(String reason) {
    long id = holdIds.incrementAndGet();
    synchronized (this) {
      holds.put(id, reason);
    }
    return () -> {
      synchronized (this) {
        holds.remove(id);
      }
    };
  }

  /** The node is going away: not ready from now on, whatever else happens. */
  public synchronized void draining(String who) {
    if (!draining.contains(who)) {
      draining.add(who);
    }
  }

  public synchronized Readiness readiness() {
    List<String> reasons = new ArrayList<>();
    if (vertx.isClustered() && !((VertxInternal) vertx).clusterManager().isActive()) {
      reasons.add("cluster membership not active");
    }
    holds.values().forEach(reasons::add);
    draining.forEach(who -> reasons.add(who + " draining"));
    return new Readiness(reasons);
  }

  /** A condition that keeps the node not ready until it is released. */
  @FunctionalInterface
  public interface Hold {
    void release();
  }

  /** Ready when nothing stands in the way; otherwise the reasons, for the operator. */
  public record Readiness(List<String> reasons) {
    public Readiness {
      reasons = List.copyOf(reasons);
    }

    public boolean ready() {
      return reasons.isEmpty();
    }
  }
}
