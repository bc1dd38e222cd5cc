package com.degenduel.realtime.contest.ingest;

import com.degenduel.realtime.codec.message.contest.ActivityDetails;
import com.degenduel.realtime.codec.message.contest.ActivityType;
import com.degenduel.realtime.codec.message.contest.ParticipantActivity;
import com.degenduel.realtime.contest.leaderboard.Participant;
import com.degenduel.realtime.contest.leaderboard.ParticipantStore;
import com.degenduel.realtime.contest.lifecycle.Contest;
import com.degenduel.realtime.contest.lifecycle.ContestPhase;
import com.degenduel.realtime.contest.lifecycle.ContestStore;
import com.degenduel.realtime.contest.publish.ContestChanges;
import com.degenduel.realtime.node.ingest.FactError;
import com.degenduel.realtime.node.ingest.ProcessedFacts;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Applies contest facts to the cluster state, each fact id once: the contest lifecycle and
 * participation by {@code event_id}, contest trades by {@code trade_id}. A fact is claimed first
 * and its claim given back when it is refused, so a corrected report may reuse the id.
 */
public final class ContestCommands {
  private final ContestStore contests;
  private final ParticipantStore participants;
  private final ProcessedFacts events;
  private final ProcessedFacts trades;
  private final ContestChanges changes;

  public ContestCommands(
      ContestStore contests, ParticipantStore participants, ProcessedFacts events, ProcessedFacts trades,
      ContestChanges changes) {
    this.contests = contests;
    this.participants = participants;
    this.events = events;
    this.trades = trades;
    this.changes = changes;
  }

  public Future<JsonObject> create(ContestFacts.Created fact) {
    return once(events, fact.eventId(), fact.canonical(), () -> contests
        .create(Contest.created(fact.contestId(), fact.name(), fact.prizePool(), fact.startingBalance(), fact.durationSeconds()))
        .compose(changes::contestChanged));
  }

  public Future<JsonObject> transition(ContestFacts.Transition fact) {
    return once(events, fact.eventId(), fact.canonical(), () -> contests
        .change(fact.contestId(), contest -> switch (fact.kind()) {
          case START -> contest.start(fact.timestamp());
          case ROUND -> contest.round(fact.round());
          case COMPLETE -> contest.complete();
          case CANCEL -> contest.cancel();
        })
        .compose(changes::contestChanged));
  }

  public Future<JsonObject> participation(ContestFacts.Participation fact) {
    return once(events, fact.eventId(), fact.canonical(), () -> contests.get(fact.contestId()).compose(contest -> {
      if (!contest.phase().open()) {
        return Future.failedFuture(FactError.CONTEST_NOT_ACTIVE.reject("the contest has ended; nobody can join or leave"));
      }
      if (fact.join()) {
        return participants
            .join(Participant.joined(contest.id(), fact.wallet(), fact.username(), fact.timestamp(), contest.startingBalance()))
            .compose(p -> Future.join(
                changes.participantChanged(p),
                changes.contestChanged(contest),
                changes.activity(activity(p, ActivityType.JOIN, null, fact.timestamp()))))
            .mapEmpty();
      }
      return participants.leave(contest.id(), fact.wallet())
          .compose(p -> Future.join(
              changes.participantLeft(contest.id(), fact.wallet()),
              changes.contestChanged(contest),
              changes.activity(activity(p, ActivityType.LEAVE, null, fact.timestamp()))))
          .mapEmpty();
    }));
  }

  public Future<JsonObject> trade(ContestFacts.Trade fact) {
    return once(trades, fact.tradeId(), fact.canonical(), () -> contests.get(fact.contestId()).compose(contest -> {
      if (contest.phase() != ContestPhase.ACTIVE) {
        return Future.failedFuture(FactError.CONTEST_NOT_ACTIVE.reject("trades count only while the contest is running"));
      }
      return participants
          .change(contest.id(), fact.wallet(), p -> p.trade(fact.symbol(), fact.signedAmount(), fact.price(), fact.timestamp()))
          .compose(p -> Future.join(
              changes.participantChanged(p),
              changes.activity(activity(
                  p, ActivityType.TRADE, new ActivityDetails(fact.symbol(), fact.signedAmount(), fact.price()), fact.timestamp()))))
          .mapEmpty();
    }));
  }

  private static ParticipantActivity activity(Participant p, ActivityType type, ActivityDetails details, Instant at) {
    return new ParticipantActivity(p.contestId(), p.wallet(), p.username(), type, details, at);
  }

  private static Future<JsonObject> once(ProcessedFacts processed, String id, JsonObject canonical, Supplier<Future<Void>> apply) {
    String fingerprint = canonical.encode();
    return processed.claim(id, fingerprint).compose(claim -> switch (claim) {
      case DUPLICATE -> Future.succeededFuture(answer(id, true));
      case NEW -> apply.get()
          .recover(e -> processed.release(id, fingerprint).transform(r -> Future.failedFuture(e)))
          .map(v -> answer(id, false));
    });
  }

  private static JsonObject answer(String id, boolean duplicate) {
    return new JsonObject().put("id", id).put("applied", !duplicate).put("duplicate", duplicate);
  }
}
