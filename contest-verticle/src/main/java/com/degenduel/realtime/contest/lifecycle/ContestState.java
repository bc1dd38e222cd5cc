package com.degenduel.realtime.contest.lifecycle;

import com.degenduel.realtime.contest.leaderboard.Participant;
import com.degenduel.realtime.node.ingest.FactError;
import java.io.Serializable;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A contest stream's state: the contest and its participants by wallet, together in the contest's
 * one record, so a join changes the participant count and the standings in the same step and
 * every message published after it agrees. Immutable: the owning member values a state while the
 * next fact builds another. A change copies the participant table, which is cheap at the
 * thousands of participants a contest has.
 */
public record ContestState(Contest contest, Map<String, Participant> participants) implements Serializable {
  public ContestState {
    participants = Collections.unmodifiableMap(new LinkedHashMap<>(participants));
  }

  public static ContestState created(Contest contest) {
    return new ContestState(contest, Map.of());
  }

  public ContestState with(Contest changed) {
    return new ContestState(changed, participants);
  }

  /** Fails with ALREADY_JOINED when the wallet takes part already. */
  public ContestState joined(Participant participant) {
    if (participants.containsKey(participant.wallet())) {
      throw FactError.ALREADY_JOINED.reject("this wallet already takes part in the contest");
    }
    return with(participant);
  }

  public ContestState with(Participant participant) {
    Map<String, Participant> next = new LinkedHashMap<>(participants);
    next.put(participant.wallet(), participant);
    return new ContestState(contest, next);
  }

  public ContestState without(String wallet) {
    participant(wallet);
    Map<String, Participant> next = new LinkedHashMap<>(participants);
    next.remove(wallet);
    return new ContestState(contest, next);
  }

  /** Fails with NOT_PARTICIPANT when the wallet does not take part. */
  public Participant participant(String wallet) {
    Participant participant = participants.get(wallet);
    if (participant == null) {
      throw FactError.NOT_PARTICIPANT.reject("this wallet does not take part in the contest");
    }
    return participant;
  }

  public Collection<Participant> standings() {
    return participants.values();
  }
}
