package com.degenduel.realtime.node.ingest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import java.util.concurrent.TimeUnit;

/**
 * The ids of facts already applied, in a cluster map (so a fact reported to one replica and
 * repeated to another is still applied once), each with a fingerprint of its content so that a
 * reused id with different content is told apart from a plain repeat.
 *
 * <p>A fact is claimed before it is applied and released if it is then refused. Ids are kept for
 * {@link #RETENTION_HOURS} hours: long enough for any retry of the reporting backends, bounded so
 * the map does not grow forever.
 */
public final class ProcessedFacts {
  public static final long RETENTION_HOURS = 72;

  /** What a claim found. */
  public enum Claim {
    /** First time: apply it. */
    NEW,
    /** Already applied with the same content: answer success without applying again. */
    DUPLICATE
  }

  private final Future<AsyncMap<String, String>> map;

  public ProcessedFacts(Vertx vertx, String mapName) {
    this.map = vertx.sharedData().getClusterWideMap(mapName);
  }

  /** Fails with {@link FactError#FACT_ID_CONFLICT} when the id was used for a different fact. */
  public Future<Claim> claim(String id, String fingerprint) {
    return map.compose(m -> m.putIfAbsent(id, fingerprint, TimeUnit.HOURS.toMillis(RETENTION_HOURS)))
        .compose(previous -> {
          if (previous == null) {
            return Future.succeededFuture(Claim.NEW);
          }
          if (previous.equals(fingerprint)) {
            return Future.succeededFuture(Claim.DUPLICATE);
          }
          return Future.failedFuture(
              FactError.FACT_ID_CONFLICT.reject("this fact id was already reported with different content"));
        });
  }

  /** Gives a claimed id back after the fact was refused, so a corrected report can use it. */
  public Future<Void> release(String id, String fingerprint) {
    return map.compose(m -> m.removeIfPresent(id, fingerprint)).mapEmpty();
  }
}
