package com.degenduel.realtime.contest.publish;

import com.degenduel.realtime.codec.message.contest.ParticipantActivity;
import com.degenduel.realtime.contest.leaderboard.Participant;
import com.degenduel.realtime.contest.lifecycle.Contest;
import io.vertx.core.Future;

/**
 * What the ingestion side tells the publishing side after it changed the cluster state. Any replica
 * ingests; {@link ChangesToOwner} carries the change to the replica that publishes. Each call
 * completes once the publisher has taken the change, and never fails: the change is already
 * applied to the cluster state.
 */
public interface ContestChanges {
  Future<Void> contestChanged(Contest contest);

  Future<Void> participantChanged(Participant participant);

  Future<Void> participantLeft(String contestId, String wallet);

  /** Published as it is: every join, leave and trade must reach the contest's stream. */
  Future<Void> activity(ParticipantActivity activity);
}
