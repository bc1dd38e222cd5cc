package com.degenduel.realtime.contest.ingest;

import com.degenduel.realtime.codec.message.StreamPayload;
import com.degenduel.realtime.codec.message.contest.ActivityDetails;
import com.degenduel.realtime.codec.message.contest.ActivityType;
import com.degenduel.realtime.codec.message.contest.ParticipantActivity;
import com.degenduel.realtime.codec.stream.StreamKind;
import com.degenduel.realtime.contest.leaderboard.Participant;
import com.degenduel.realtime.contest.lifecycle.Contest;
import com.degenduel.realtime.contest.lifecycle.ContestPhase;
import com.degenduel.realtime.contest.lifecycle.ContestState;
import com.degenduel.realtime.node.ingest.FactError;
import com.degenduel.realtime.node.streams.FactStep;
import com.degenduel.realtime.node.streams.Fingerprint;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Where a contest fact becomes the contest's state: run inside the contest record's partition
 * operation, so the contest, its participants and its PARTICIPANT_ACTIVITY history change together
 * and each fact id once. A refusal (unknown contest, illegal transition, not enough balance)
 * changes nothing. A contest trade is also handed on, from the contest record's outbox, to the
 * trader's wallet stream, which reports it as TRADE_EXECUTED.
 */
public final class ContestStep extends FactStep<ContestState> {
  /**
   * A contest sees the facts of all its participants: its record remembers this many ids, minutes
   * of trading in a busy contest.
   */
  static final int REMEMBERED_FACTS = 4096;

  private ContestFacts.Fact fact;

  /** For deserialisation only. */
  public ContestStep() {}

  ContestStep(ContestFacts.Fact fact) {
    super(fact.factId(), Fingerprint.start().add(fact.canonical().encode()).value());
    this.fact = fact;
  }

  @Override
  protected int rememberedFacts() {
    return REMEMBERED_FACTS;
  }

  @Override
  protected ContestState initialState(String contestId) {
    return null;
  }

  @Override
  protected Change<ContestState> apply(String contestId, ContestState state) {
    if (fact instanceof ContestFacts.Created created) {
      if (state != null) {
        throw FactError.CONTEST_EXISTS.reject("a contest with this contest_id exists already");
      }
      return new Change<>(ContestState.created(Contest.created(
          contestId, created.name(), created.prizePool(), created.startingBalance(), created.durationSeconds())), List.of());
    }
    if (state == null) {
      throw FactError.CONTEST_NOT_FOUND.reject("no contest with this contest_id");
    }
    if (fact instanceof ContestFacts.Transition transition) {
      return new Change<>(state.with(transition(state.contest(), transition)), List.of());
    }
    if (fact instanceof ContestFacts.Participation participation) {
      return participation(state, participation);
    }
    return trade(state, (ContestFacts.Trade) fact);
  }

  private static Contest transition(Contest contest, ContestFacts.Transition fact) {
    return switch (fact.kind()) {
      case START -> contest.start(fact.timestamp());
      case ROUND -> contest.round(fact.round());
      case COMPLETE -> contest.complete();
      case CANCEL -> contest.cancel();
    };
  }

  private static Change<ContestState> participation(ContestState state, ContestFacts.Participation fact) {
    if (!state.contest().phase().open()) {
      throw FactError.CONTEST_NOT_ACTIVE.reject("the contest has ended; nobody can join or leave");
    }
    if (fact.join()) {
      Participant joined = Participant.joined(
          fact.contestId(), fact.wallet(), fact.username(), fact.timestamp(), state.contest().startingBalance());
      return new Change<>(state.joined(joined), List.of(activity(joined, ActivityType.JOIN, null, fact.timestamp())));
    }
    Participant left = state.participant(fact.wallet());
    return new Change<>(state.without(fact.wallet()), List.of(activity(left, ActivityType.LEAVE, null, fact.timestamp())));
  }

  private static Change<ContestState> trade(ContestState state, ContestFacts.Trade fact) {
    if (state.contest().phase() != ContestPhase.ACTIVE) {
      throw FactError.CONTEST_NOT_ACTIVE.reject("trades count only while the contest is running");
    }
    Participant traded = state.participant(fact.wallet())
        .trade(fact.symbol(), fact.signedAmount(), fact.price(), fact.timestamp());
    ActivityDetails details = new ActivityDetails(fact.symbol(), fact.signedAmount(), fact.price());
    return new Change<>(
        state.with(traded),
        List.of(activity(traded, ActivityType.TRADE, details, fact.timestamp())),
        List.of(new Forward(StreamKind.WALLET, fact.toJson())));
  }

  private static StreamPayload activity(Participant p, ActivityType type, ActivityDetails details, Instant at) {
    return new ParticipantActivity(p.contestId(), p.wallet(), p.username(), type, details, at);
  }

  @Override
  protected void writeFact(ObjectDataOutput out) throws IOException {
    out.writeObject(fact);
  }

  @Override
  protected void readFact(ObjectDataInput in) throws IOException {
    fact = in.readObject();
  }
}
