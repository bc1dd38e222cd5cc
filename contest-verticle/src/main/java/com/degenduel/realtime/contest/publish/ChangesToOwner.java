package com.degenduel.realtime.contest.publish;

import com.degenduel.realtime.codec.message.contest.ParticipantActivity;
import com.degenduel.realtime.codec.stream.StreamEvent;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.contest.leaderboard.Participant;
import com.degenduel.realtime.contest.lifecycle.Contest;
import com.degenduel.realtime.node.ownership.OwnerChannel;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The ingestion side of every replica: hands each change to the owner of the contest streams.
 * Activity travels as an unnumbered event (seq 0; the owner numbers it); a state change names the
 * contest (and participant), and the owner reads the record from the cluster, so changes that
 * overtake each other during a takeover never leave it with an older copy.
 */
public final class ChangesToOwner implements ContestChanges {
  static final String CONTEST_ID = "contest_id";
  static final String WALLET = "wallet";

  private final OwnerChannel owner;

  public ChangesToOwner(OwnerChannel owner) {
    this.owner = owner;
  }

  @Override
  public Future<Void> contestChanged(Contest contest) {
    return owner.send(new JsonObject().put(CONTEST_ID, contest.id()));
  }

  @Override
  public Future<Void> participantChanged(Participant participant) {
    return participantTouched(participant.contestId(), participant.wallet());
  }

  @Override
  public Future<Void> participantLeft(String contestId, String wallet) {
    return participantTouched(contestId, wallet);
  }

  @Override
  public Future<Void> activity(ParticipantActivity activity) {
    return owner.send(new StreamEvent(StreamId.contest(activity.contestId()), 0, activity));
  }

  private Future<Void> participantTouched(String contestId, String wallet) {
    return owner.send(new JsonObject().put(CONTEST_ID, contestId).put(WALLET, wallet));
  }
}
