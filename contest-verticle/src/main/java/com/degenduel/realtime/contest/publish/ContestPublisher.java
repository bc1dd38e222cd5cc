package com.degenduel.realtime.contest.publish;

import com.degenduel.realtime.codec.message.StreamPayload;
import com.degenduel.realtime.codec.message.contest.ContestUpdated;
import com.degenduel.realtime.codec.message.contest.LeaderboardUpdated;
import com.degenduel.realtime.codec.message.market.MarketPrice;
import com.degenduel.realtime.codec.stream.KeyedThrottle;
import com.degenduel.realtime.codec.wire.WireTime;
import com.degenduel.realtime.contest.leaderboard.Leaderboard;
import com.degenduel.realtime.contest.lifecycle.ContestBook;
import com.degenduel.realtime.contest.lifecycle.ContestPhase;
import com.degenduel.realtime.contest.lifecycle.ContestState;
import com.degenduel.realtime.node.streams.OwnedStreams;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The state messages of the watched contest streams this member owns, and the snapshots of any
 * contest. PARTICIPANT_ACTIVITY is published from the contest records by {@link OwnedStreams};
 * this keeps each watched contest's state as its record last stated it ({@link ContestBook}) and
 * builds CONTEST_UPDATED and LEADERBOARD_UPDATED from that one state, so both agree with each
 * other and with every fact before them.
 *
 * <p>CONTEST_UPDATED and LEADERBOARD_UPDATED are each capped at one per interval per contest
 * (twice a second by default) and built when sent, so the latest state wins; CONTEST_UPDATED is
 * requested on every change of the contest and whenever the whole seconds of time_remaining
 * change, LEADERBOARD_UPDATED on every change and on price moves of a symbol its participants hold.
 */
public final class ContestPublisher implements OwnedStreams.Owner<ContestState> {
  private static final long COUNTDOWN_TICK_MS = 250;

  private final Vertx vertx;
  private final ContestBook book = new ContestBook();
  private final Function<String, MarketPrice> prices;
  private final int leaderboardSize;
  private final KeyedThrottle<String> contestUpdates;
  private final KeyedThrottle<String> leaderboards;
  private final Map<String, Long> lastTimeRemaining = new HashMap<>();
  private OwnedStreams<ContestState> streams;
  private long countdown = -1;

  public ContestPublisher(Vertx vertx, Function<String, MarketPrice> prices, int leaderboardSize, long intervalMs) {
    this.vertx = vertx;
    this.prices = prices;
    this.leaderboardSize = leaderboardSize;
    this.contestUpdates = new KeyedThrottle<>(vertx, intervalMs, this::sendContest);
    this.leaderboards = new KeyedThrottle<>(vertx, intervalMs, this::sendLeaderboard);
  }

  /** Publishes through the member's share of the contest streams. */
  public void start(OwnedStreams<ContestState> owned) {
    this.streams = owned;
    countdown = vertx.setPeriodic(COUNTDOWN_TICK_MS, id -> countDown());
  }

  public void stop() {
    vertx.cancelTimer(countdown);
    contestUpdates.clear();
    leaderboards.clear();
  }

  @Override
  public void stateOf(String contestId, ContestState state) {
    if (state == null) {
      released(contestId);
      return;
    }
    if (book.put(state)) {
      contestUpdates.request(contestId);
      leaderboards.request(contestId);
    }
  }

  @Override
  public void released(String contestId) {
    book.remove(contestId);
    lastTimeRemaining.remove(contestId);
  }

  /** CONTEST_UPDATED then LEADERBOARD_UPDATED; none for a contest that was never created. */
  @Override
  public List<StreamPayload> snapshot(String contestId, ContestState state) {
    return state == null ? null : List.of(contestUpdated(state), leaderboard(state));
  }

  public void priceMoved(String symbol) {
    for (String contestId : book.contestsHolding(symbol)) {
      ContestState state = book.get(contestId);
      if (state != null && state.contest().phase() == ContestPhase.ACTIVE) {
        leaderboards.request(contestId);
      }
    }
  }

  private void countDown() {
    Instant now = Instant.now();
    for (ContestState state : book.contests()) {
      if (state.contest().phase() != ContestPhase.ACTIVE) {
        continue;
      }
      Long remaining = state.contest().timeRemaining(now);
      if (!Objects.equals(lastTimeRemaining.get(state.contest().id()), remaining)) {
        contestUpdates.request(state.contest().id());
      }
    }
  }

  private void sendContest(String contestId) {
    ContestState state = book.get(contestId);
    if (state != null) {
      ContestUpdated updated = contestUpdated(state);
      lastTimeRemaining.put(contestId, updated.timeRemaining());
      streams.publishState(contestId, updated);
    }
  }

  private void sendLeaderboard(String contestId) {
    ContestState state = book.get(contestId);
    if (state != null) {
      streams.publishState(contestId, leaderboard(state));
    }
  }

  private static ContestUpdated contestUpdated(ContestState state) {
    return state.contest().updated(state.participants().size(), Instant.now());
  }

  private LeaderboardUpdated leaderboard(ContestState state) {
    return new LeaderboardUpdated(
        state.contest().id(),
        Leaderboard.rank(state.standings(), state.contest().startingBalance(), prices, leaderboardSize),
        WireTime.now());
  }
}
