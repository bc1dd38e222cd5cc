package com.degenduel.realtime.contest.leaderboard;

import com.degenduel.realtime.node.ingest.FactError;
import com.degenduel.realtime.node.state.ClusterRecords;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Every participant of every contest in the cluster map {@code dd.contest-participants}, one record
 * per contest and wallet (so trades of different participants never contend for one record).
 */
public final class ParticipantStore {
  public static final String MAP = "dd.contest-participants";

  private final ClusterRecords records;

  public ParticipantStore(Vertx vertx) {
    this.records = new ClusterRecords(vertx, MAP);
  }

  public Future<Participant> join(Participant participant) {
    return records.update(participant.key(), current -> {
      if (current != null) {
        throw FactError.ALREADY_JOINED.reject("this wallet already takes part in the contest");
      }
      return participant.toJson();
    }).map(Participant::fromJson);
  }

  /** Completes with the participant as they were when they left. */
  public Future<Participant> leave(String contestId, String wallet) {
    Participant[] left = new Participant[1];
    return records.update(Participant.key(contestId, wallet), current -> {
      if (current == null) {
        throw notParticipant();
      }
      left[0] = Participant.fromJson(current);
      return null;
    }).map(v -> left[0]);
  }

  public Future<Participant> change(String contestId, String wallet, UnaryOperator<Participant> change) {
    return records.update(Participant.key(contestId, wallet), current -> {
      if (current == null) {
        throw notParticipant();
      }
      return change.apply(Participant.fromJson(current)).toJson();
    }).map(Participant::fromJson);
  }

  /** The participant, or null when the wallet does not (or no longer) take part. */
  public Future<Participant> get(String contestId, String wallet) {
    return records.get(Participant.key(contestId, wallet)).map(json -> json == null ? null : Participant.fromJson(json));
  }

  public Future<List<Participant>> all() {
    return records.all().map(all -> all.values().stream().map(Participant::fromJson).toList());
  }

  private static RuntimeException notParticipant() {
    return FactError.NOT_PARTICIPANT.reject("this wallet does not take part in the contest");
  }
}
