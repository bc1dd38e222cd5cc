package com.degenduel.realtime.contest.publish;

import com.degenduel.realtime.codec.message.contest.ParticipantActivity;
import com.degenduel.realtime.codec.stream.StreamEvent;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.contest.leaderboard.Participant;
import com.degenduel.realtime.contest.lifecycle.Contest;
import com.degenduel.realtime.node.ownership.OwnerChannel;
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
  public void contestChanged(Contest contest) {
    owner.send(new JsonObject().put(CONTEST_ID, contest.id()));
  }

  @Override
  public void participantChanged(Participant participant) {
    participantTouched(participant.contestId(), participant.wallet());
  }

  @Override
  public void participantLeft(String contestId, String wallet) {
    participantTouched(contestId, wallet);
  }

  @Override
  public void activity(ParticipantActivity activity) {
    owner.send(new StreamEvent(StreamId.contest(activity.contestId()), 0, activity));
  }

  private void participantTouched(String contestId, String wallet) {
    owner.send(new JsonObject().put(CONTEST_ID, contestId).put(WALLET, wallet));
  }
}
