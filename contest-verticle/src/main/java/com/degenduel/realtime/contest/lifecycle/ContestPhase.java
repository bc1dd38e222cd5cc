package com.degenduel.realtime.contest.lifecycle;

import com.degenduel.realtime.codec.message.contest.ContestStatus;

/**
 * Where a contest is in its life. The contract knows three statuses; a contest created but not yet
 * started ({@link #PENDING}) is shown as {@code active} without current_round and time_remaining
 * (both optional in the contract), so clients can watch and join it before it starts.
 */
public enum ContestPhase {
  PENDING(ContestStatus.ACTIVE),
  ACTIVE(ContestStatus.ACTIVE),
  COMPLETED(ContestStatus.COMPLETED),
  CANCELLED(ContestStatus.CANCELLED);

  private final ContestStatus wire;

  ContestPhase(ContestStatus wire) {
    this.wire = wire;
  }

  public ContestStatus wire() {
    return wire;
  }

  /** Participants may join or leave until the contest ends. */
  public boolean open() {
    return this == PENDING || this == ACTIVE;
  }
}
