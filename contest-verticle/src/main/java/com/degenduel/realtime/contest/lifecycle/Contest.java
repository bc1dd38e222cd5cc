package com.degenduel.realtime.contest.lifecycle;

import com.degenduel.realtime.codec.message.contest.ContestUpdated;
import com.degenduel.realtime.node.ingest.FactError;
import java.time.Duration;
import java.io.Serializable;
import java.time.Instant;

/**
 * One contest. {@code currentRound} and {@code endsAt} are null until it starts; every participant
 * starts with {@code startingBalance} of virtual cash. Transitions refuse what the lifecycle does
 * not allow: start only a pending contest, advance rounds (strictly upwards) and complete only an
 * active one, cancel only one that has not ended.
 */
public record Contest(
    String id,
    String name,
    ContestPhase phase,
    Integer currentRound,
    double prizePool,
    double startingBalance,
    long durationSeconds,
    Instant endsAt) implements Serializable {

  public static Contest created(String id, String name, double prizePool, double startingBalance, long durationSeconds) {
    return new Contest(id, name, ContestPhase.PENDING, null, prizePool, startingBalance, durationSeconds, null);
  }

  public Contest start(Instant at) {
    require(phase == ContestPhase.PENDING, "only a pending contest can start");
    return new Contest(id, name, ContestPhase.ACTIVE, 1, prizePool, startingBalance, durationSeconds,
        at.plus(Duration.ofSeconds(durationSeconds)));
  }

  public Contest round(int round) {
    require(phase == ContestPhase.ACTIVE, "rounds advance only in an active contest");
    require(round > currentRound, "the round must be higher than the current round");
    return new Contest(id, name, phase, round, prizePool, startingBalance, durationSeconds, endsAt);
  }

  public Contest complete() {
    require(phase == ContestPhase.ACTIVE, "only an active contest can complete");
    return new Contest(id, name, ContestPhase.COMPLETED, currentRound, prizePool, startingBalance, durationSeconds, endsAt);
  }

  public Contest cancel() {
    require(phase.open(), "a completed or cancelled contest cannot be cancelled");
    return new Contest(id, name, ContestPhase.CANCELLED, currentRound, prizePool, startingBalance, durationSeconds, endsAt);
  }

  /** Whole seconds left (rounded up, so 0 only once over); null before the start. */
  public Long timeRemaining(Instant now) {
    if (endsAt == null) {
      return null;
    }
    if (phase != ContestPhase.ACTIVE) {
      return 0L;
    }
    long millis = Duration.between(now, endsAt).toMillis();
    return millis <= 0 ? 0L : (millis + 999) / 1000;
  }

  public ContestUpdated updated(int participants, Instant now) {
    return new ContestUpdated(id, phase.wire(), currentRound, timeRemaining(now), participants, prizePool);
  }

  private static void require(boolean legal, String rule) {
    if (!legal) {
      throw FactError.ILLEGAL_TRANSITION.reject(rule);
    }
  }
}
