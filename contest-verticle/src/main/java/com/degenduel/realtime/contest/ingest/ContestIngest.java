package com.degenduel.realtime.contest.ingest;

import com.degenduel.realtime.contest.lifecycle.ContestState;
import com.degenduel.realtime.node.streams.OwnedStreams;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Applies reported contest facts, each fact id once, in one step on the contest's record ({@link
 * ContestStep}): the answer comes once the contest, its participants, the activity the fact
 * created and the fact id are in the record and its backup. A retry of the same id gets the first
 * attempt's outcome; a refused fact leaves nothing behind, so a corrected report may reuse its id.
 */
public final class ContestIngest {
  private final OwnedStreams<ContestState> contests;

  public ContestIngest(OwnedStreams<ContestState> contests) {
    this.contests = contests;
  }

  /** Answers {@code {id, applied, duplicate}} with the fact's {@code event_id} or {@code trade_id}. */
  public Future<JsonObject> apply(ContestFacts.Fact fact) {
    String id = fact.factId().substring(fact.factId().indexOf(':') + 1);
    return contests.apply(fact.contestId(), new ContestStep(fact)).compose(outcome -> switch (outcome.result()) {
      case APPLIED -> Future.succeededFuture(answer(id, false));
      case DUPLICATE -> Future.succeededFuture(answer(id, true));
      case REFUSED -> Future.failedFuture(outcome.rejection());
    });
  }

  private static JsonObject answer(String id, boolean duplicate) {
    return new JsonObject().put("id", id).put("applied", !duplicate).put("duplicate", duplicate);
  }
}
