package com.degenduel.realtime.node.management;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import java.util.function.Supplier;

/**
 * Objects that belong to one Vert.x instance (its meter registry, its health): kept in that
 * instance's local shared data, so several nodes in one JVM (tests) never see each other's, and
 * roles reach them from the {@link Vertx} they are deployed on without new parameters.
 */
public final class NodeLocal {
  private static final String MAP = "dd.node.local";

  private NodeLocal() {}

  /**
   * The object stored under {@code key} on this Vert.x, created by {@code create} on first use.
   * Creation is serialized: verticle instances start on several event loops at once, and an object
   * created twice would leave meters bound to the copy that lost the race (a gauge reading NaN once
   * that copy is collected). The lock is reentrant, so {@code create} may itself call this.
   */
  public static <T> T get(Vertx vertx, String key, Class<T> type, Supplier<T> create) {
    LocalMap<String, Held> map = vertx.sharedData().getLocalMap(MAP);
    Held held = map.get(key);
    if (held == null) {
      synchronized (NodeLocal.class) {
        held = map.get(key);
        if (held == null) {
          held = new Held(create.get());
          map.put(key, held);
        }
      }
    }
    return type.cast(held.value());
  }

  static void put(Vertx vertx, String key, Object value) {
    vertx.sharedData().<String, Held>getLocalMap(MAP).put(key, new Held(value));
  }

  /** Shareable so the local map stores the reference itself rather than refusing or copying it. */
  private record Held(Object value) implements Shareable {}
}
