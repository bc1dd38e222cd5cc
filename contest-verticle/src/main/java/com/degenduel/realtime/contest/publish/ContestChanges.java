package com.degenduel.realtime.contest.publish;

import com.degenduel.realtime.codec.message.contest.ParticipantActivity;
import com.degenduel.realtime.contest.leaderboard.Participant;
import com.degenduel.realtime.contest.lifecycle.Contest;

/**
 * What the ingestion side tells the publishing side after it changed the cluster state. Any replica
 * ingests; {@link ChangesToOwner} carries the change to the replica that publishes.
 */
public interface ContestChanges {
  void contestChanged(Contest contest);

  void participantChanged(Participant participant);

  void participantLeft(String contestId, String wallet);

  /** Published as it is: every join, leave and trade must reach the contest's stream. */
  void activity(ParticipantActivity activity);
}
