package com.degenduel.realtime.contest.lifecycle;

import com.degenduel.realtime.node.ingest.FactError;
import com.degenduel.realtime.node.state.ClusterRecords;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.UnaryOperator;

/** Every contest in the cluster map {@code dd.contests}, kept with a backup. */
public final class ContestStore {
  public static final String MAP = "dd.contests";

  private final ClusterRecords records;

  public ContestStore(Vertx vertx) {
    this.records = new ClusterRecords(vertx, MAP);
  }

  public Future<Contest> create(Contest contest) {
    return records.update(contest.id(), current -> {
      if (current != null) {
        throw FactError.CONTEST_EXISTS.reject("a contest with this contest_id exists already");
      }
      return contest.toJson();
    }).map(Contest::fromJson);
  }

  /** Fails with CONTEST_NOT_FOUND for an unknown id; the change may refuse an illegal transition. */
  public Future<Contest> change(String id, UnaryOperator<Contest> change) {
    return records.update(id, current -> {
      if (current == null) {
        throw notFound();
      }
      return change.apply(Contest.fromJson(current)).toJson();
    }).map(Contest::fromJson);
  }

  public Future<Contest> get(String id) {
    return records.get(id).compose(json -> json == null ? Future.failedFuture(notFound()) : Future.succeededFuture(Contest.fromJson(json)));
  }

  public Future<List<Contest>> all() {
    return records.all().map(all -> all.values().stream().map(Contest::fromJson).toList());
  }

  public static RuntimeException notFound() {
    return FactError.CONTEST_NOT_FOUND.reject("no contest with this contest_id");
  }
}
