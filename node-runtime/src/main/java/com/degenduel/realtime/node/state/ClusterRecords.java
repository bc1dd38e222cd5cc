package com.degenduel.realtime.node.state;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One cluster map of JSON records (Hazelcast, with the backup cluster.xml gives every {@code dd.*}
 * map), changed by compare-and-set so that replicas writing the same record never lose an update:
 * read, compute, replace only if unchanged, otherwise read again.
 */
public final class ClusterRecords {
  private static final int MAX_ATTEMPTS = 16;

  private final Future<AsyncMap<String, JsonObject>> map;
  /** The last update queued per key; guarded by itself. */
  private final Map<String, Future<JsonObject>> queued = new HashMap<>();

  public ClusterRecords(Vertx vertx, String mapName) {
    this.map = vertx.sharedData().getClusterWideMap(mapName);
  }

  public Future<JsonObject> get(String key) {
    return map.compose(m -> m.get(key));
  }

  public Future<Map<String, JsonObject>> all() {
    return map.compose(AsyncMap::entries);
  }

  /**
   * Applies {@code change} to the current record (null when absent) and stores its result; the
   * change may throw to refuse, and returning null removes the record. Completes with the stored
   * record (null when removed).
   *
   * <p>Updates of one key from this process run one after another. Compare-and-set alone keeps
   * replicas from losing updates, but a burst of updates of one record from one process (a wallet
   * reporting many trades at once) would otherwise retry against each other until they give up.
   */
  public Future<JsonObject> update(String key, UnaryOperator<JsonObject> change) {
    Promise<JsonObject> done = Promise.promise();
    Future<JsonObject> before;
    synchronized (queued) {
      before = queued.getOrDefault(key, Future.succeededFuture());
      queued.put(key, done.future());
    }
    before.onComplete(previous -> map.compose(m -> attempt(m, key, change, 1)).onComplete(done));
    return done.future().andThen(r -> {
      synchronized (queued) {
        queued.remove(key, done.future());
      }
    });
  }

  private Future<JsonObject> attempt(
      AsyncMap<String, JsonObject> m, String key, UnaryOperator<JsonObject> change, int attempt) {
    return m.get(key).compose(current -> {
      JsonObject next = change.apply(current == null ? null : current.copy());
      Future<Boolean> written;
      if (current == null && next == null) {
        return Future.succeededFuture(null);
      } else if (current == null) {
        written = m.putIfAbsent(key, next).map(previous -> previous == null);
      } else if (next == null) {
        written = m.removeIfPresent(key, current);
      } else {
        written = m.replaceIfPresent(key, current, next);
      }
      return written.compose(ok -> {
        if (ok) {
          return Future.succeededFuture(next);
        }
        if (attempt >= MAX_ATTEMPTS) {
          return Future.failedFuture(new IllegalStateException("record " + key + " kept changing; gave up"));
        }
        return attempt(m, key, change, attempt + 1);
      });
    });
  }
}
