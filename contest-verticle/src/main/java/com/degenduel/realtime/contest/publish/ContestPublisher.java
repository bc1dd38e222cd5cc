package com.degenduel.realtime.contest.publish;

import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.codec.message.StreamPayload;
import com.degenduel.realtime.codec.message.contest.ContestUpdated;
import com.degenduel.realtime.codec.message.contest.LeaderboardUpdated;
import com.degenduel.realtime.codec.message.contest.ParticipantActivity;
import com.degenduel.realtime.codec.message.market.MarketPrice;
import com.degenduel.realtime.codec.stream.Addresses;
import com.degenduel.realtime.codec.stream.KeyedThrottle;
import com.degenduel.realtime.codec.stream.SnapshotRequest;
import com.degenduel.realtime.codec.stream.StreamEvent;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.codec.stream.StreamKind;
import com.degenduel.realtime.codec.stream.StreamSequencer;
import com.degenduel.realtime.codec.stream.StreamSnapshot;
import com.degenduel.realtime.codec.wire.WireTime;
import com.degenduel.realtime.contest.leaderboard.Leaderboard;
import com.degenduel.realtime.contest.lifecycle.Contest;
import com.degenduel.realtime.contest.lifecycle.ContestBook;
import com.degenduel.realtime.contest.lifecycle.ContestPhase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The one place that publishes contest streams and answers their snapshots, while active (this
 * node owns the contest streams; an ownership election switches it with {@link #activate} and
 * {@link #deactivate}).
 *
 * <p>CONTEST_UPDATED and LEADERBOARD_UPDATED are each capped at one per interval per contest
 * (twice a second by default) and built when sent, so the latest state wins; CONTEST_UPDATED is
 * requested on every state change and whenever the whole seconds of time_remaining change.
 * PARTICIPANT_ACTIVITY is published at once, every one.
 */
public final class ContestPublisher {
  private static final long COUNTDOWN_TICK_MS = 250;

  private final Vertx vertx;
  private final ContestBook book;
  private final Function<String, MarketPrice> prices;
  private final int leaderboardSize;
  private final StreamSequencer sequencer;
  private final KeyedThrottle<String> contestUpdates;
  private final KeyedThrottle<String> leaderboards;
  private final Map<String, Long> lastTimeRemaining = new HashMap<>();
  private MessageConsumer<SnapshotRequest> snapshots;
  private long countdown = -1;
  private boolean active;

  public ContestPublisher(
      Vertx vertx, ContestBook book, Function<String, MarketPrice> prices, int leaderboardSize, long intervalMs,
      StreamSequencer sequencer) {
    this.vertx = vertx;
    this.sequencer = sequencer;
    this.book = book;
    this.prices = prices;
    this.leaderboardSize = leaderboardSize;
    this.contestUpdates = new KeyedThrottle<>(vertx, intervalMs, this::sendContest);
    this.leaderboards = new KeyedThrottle<>(vertx, intervalMs, this::sendLeaderboard);
  }

  public Future<Void> activate() {
    active = true;
    countdown = vertx.setPeriodic(COUNTDOWN_TICK_MS, id -> countDown());
    snapshots = vertx.eventBus().consumer(Addresses.snapshot(StreamKind.CONTEST), this::answerSnapshot);
    return snapshots.completion();
  }

  public Future<Void> deactivate() {
    active = false;
    vertx.cancelTimer(countdown);
    contestUpdates.clear();
    leaderboards.clear();
    return snapshots == null ? Future.succeededFuture() : snapshots.unregister();
  }

  public void contestChanged(String contestId) {
    if (active) {
      contestUpdates.request(contestId);
      leaderboards.request(contestId);
    }
  }

  public void standingsChanged(String contestId) {
    if (active) {
      leaderboards.request(contestId);
    }
  }

  public void activity(ParticipantActivity activity) {
    if (active) {
      publish(StreamId.contest(activity.contestId()), activity);
    }
  }

  public void priceMoved(MarketPrice price) {
    if (!active) {
      return;
    }
    for (String contestId : book.contestsHolding(price.symbol())) {
      Contest contest = book.contest(contestId);
      if (contest != null && contest.phase() == ContestPhase.ACTIVE) {
        leaderboards.request(contestId);
      }
    }
  }

  private void countDown() {
    Instant now = Instant.now();
    for (Contest contest : book.contests()) {
      if (contest.phase() != ContestPhase.ACTIVE) {
        continue;
      }
      Long remaining = contest.timeRemaining(now);
      if (!Objects.equals(lastTimeRemaining.get(contest.id()), remaining)) {
        contestUpdates.request(contest.id());
      }
    }
  }

  private void sendContest(String contestId) {
    ContestUpdated updated = contestUpdated(contestId);
    if (updated != null) {
      lastTimeRemaining.put(contestId, updated.timeRemaining());
      publish(StreamId.contest(contestId), updated);
    }
  }

  private void sendLeaderboard(String contestId) {
    LeaderboardUpdated leaderboard = leaderboard(contestId);
    if (leaderboard != null) {
      publish(StreamId.contest(contestId), leaderboard);
    }
  }

  private ContestUpdated contestUpdated(String contestId) {
    Contest contest = book.contest(contestId);
    return contest == null ? null : contest.updated(book.participantCount(contestId), Instant.now());
  }

  private LeaderboardUpdated leaderboard(String contestId) {
    Contest contest = book.contest(contestId);
    if (contest == null) {
      return null;
    }
    return new LeaderboardUpdated(
        contestId,
        Leaderboard.rank(book.participants(contestId), contest.startingBalance(), prices, leaderboardSize),
        WireTime.now());
  }

  private void publish(StreamId stream, StreamPayload payload) {
    StreamEvent event = sequencer.next(stream, payload);
    vertx.eventBus().publish(event.address(), event);
  }

  /** CONTEST_UPDATED then LEADERBOARD_UPDATED, current, numbered as the last ones published (0: none yet). */
  private void answerSnapshot(Message<SnapshotRequest> request) {
    StreamId stream = request.body().stream();
    ContestUpdated updated = stream.kind() == StreamKind.CONTEST ? contestUpdated(stream.key()) : null;
    if (updated == null) {
      request.fail(404, "CONTEST_NOT_FOUND");
      return;
    }
    request.reply(new StreamSnapshot(List.of(
        new StreamEvent(stream, sequencer.last(stream, MessageType.CONTEST_UPDATED), updated),
        new StreamEvent(stream, sequencer.last(stream, MessageType.LEADERBOARD_UPDATED), leaderboard(stream.key())))));
  }
}
