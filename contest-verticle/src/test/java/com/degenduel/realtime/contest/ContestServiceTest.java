package com.degenduel.realtime.contest;

import static com.degenduel.realtime.contest.ContestFixture.ok;
import static com.degenduel.realtime.contest.ContestFixture.rejected;
import static com.degenduel.realtime.contest.ContestFixture.wallet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.codec.message.contest.ActivityDetails;
import com.degenduel.realtime.codec.message.contest.ActivityType;
import com.degenduel.realtime.codec.message.contest.ContestStatus;
import com.degenduel.realtime.codec.message.contest.ContestUpdated;
import com.degenduel.realtime.codec.message.contest.LeaderboardEntry;
import com.degenduel.realtime.codec.message.contest.LeaderboardUpdated;
import com.degenduel.realtime.codec.message.contest.ParticipantActivity;
import com.degenduel.realtime.codec.message.portfolio.TradeExecuted;
import com.degenduel.realtime.codec.stream.StreamEvent;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.codec.stream.StreamSnapshot;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.portfolio.PortfolioVerticle;
import com.degenduel.realtime.testkit.FactClient.Answer;
import com.degenduel.realtime.testkit.FreePorts;
import com.degenduel.realtime.testkit.StreamRecorder;
import com.degenduel.realtime.testkit.TestCluster;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contest service (with the portfolio service, through which contest trades are reported) on
 * member 0 of a real cluster; facts over real HTTP with real service tokens; prices published and
 * streams observed on member 1. Leaderboards are cut to the top 3.
 */
class ContestServiceTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static TestCluster cluster;
  private static ContestFixture facts;

  @BeforeAll
  static void start() {
    cluster = TestCluster.start(2);
    int contestPort = FreePorts.next();
    int portfolioPort = FreePorts.next();
    NodeConfig config = cluster.configFor(0)
        .with(Setting.CONTEST_INGEST_PORT, contestPort)
        .with(Setting.PORTFOLIO_INGEST_PORT, portfolioPort)
        .with(Setting.CONTEST_LEADERBOARD_SIZE, 3);
    TestCluster.await(cluster.node(0).deployVerticle(new ContestVerticle(config), new DeploymentOptions()));
    TestCluster.await(cluster.node(0).deployVerticle(new PortfolioVerticle(config), new DeploymentOptions()));
    facts = new ContestFixture(cluster.node(1), contestPort, portfolioPort);
  }

  @AfterAll
  static void stop() {
    facts.close();
    cluster.close();
  }

  @Test
  void aContestRunsWithARankedLeaderboardActivityAndCountdown() {
    String alice = wallet("A1ice");
    String bob = wallet("Bob");
    String carol = wallet("Caro1");
    String dave = wallet("Dave");
    Instant t0 = Instant.parse("2026-01-01T10:00:00Z");
    Instant t1 = t0.plusSeconds(5);
    try (StreamRecorder stream = StreamRecorder.watching(facts.observer, StreamId.contest("c-run"));
        StreamRecorder aliceWallet = StreamRecorder.watching(facts.observer, StreamId.wallet(alice))) {
      ok(facts.create("c-run", 5000, 1000, 600));
      ok(facts.join("c-run", alice, "alice", t0));
      ok(facts.join("c-run", dave, "dave", t0));
      ok(facts.join("c-run", carol, "carol", t1));
      ok(facts.join("c-run", bob, "bob", t1));
      ok(facts.transition("c-run", "start", new JsonObject()));
      facts.price("BTC", 100, 0);
      facts.price("ETH", 10, 0);

      ok(facts.portfolio.post("/facts/trades", facts.trade("c-run-t1", "c-run", alice, "BTC", "buy", 5, 100), facts.token));
      ok(facts.portfolio.post("/facts/trades", facts.trade("c-run-t2", "c-run", bob, "ETH", "buy", 50, 10), facts.token));
      facts.price("BTC", 120, 20);

      // alice: 500 cash + 5 * 120 = 1100 (+10 %); the others 1000 (0 %), dave joined first, bob before carol by wallet.
      LeaderboardUpdated first = leaderboard(stream, rows -> rows.get(0).portfolioValue() == 1100);
      assertThat(first.leaderboard())
          .extracting(LeaderboardEntry::rank, LeaderboardEntry::walletAddress, LeaderboardEntry::portfolioValue, LeaderboardEntry::performance)
          .containsExactly(tuple(1, alice, 1100.0, 10.0), tuple(2, dave, 1000.0, 0.0), tuple(3, bob, 1000.0, 0.0));
      assertThat(first.leaderboard().get(0).lastTradeTime()).isNotNull();
      assertThat(first.leaderboard().get(1).lastTradeTime()).isNull();

      // bob: 500 + 50 * 12 = 1100, level with alice, who joined earlier.
      facts.price("ETH", 12, 20);
      LeaderboardUpdated level = leaderboard(stream, rows -> rows.get(1).portfolioValue() == 1100);
      assertThat(level.leaderboard()).extracting(LeaderboardEntry::walletAddress).containsExactly(alice, bob, dave);

      ok(facts.transition("c-run", "round", new JsonObject().put("round", 2)));
      ContestUpdated round2 = contest(stream, c -> Integer.valueOf(2).equals(c.currentRound()));
      assertThat(round2.status()).isEqualTo(ContestStatus.ACTIVE);
      assertThat(round2.totalParticipants()).isEqualTo(4);
      assertThat(round2.totalPrizePool()).isEqualTo(5000.0);
      assertThat(round2.timeRemaining()).isBetween(590L, 600L);
      long before = round2.timeRemaining();
      assertThat(contest(stream, c -> c.timeRemaining() != null && c.timeRemaining() < before).timeRemaining())
          .isEqualTo(before - 1);

      List<ParticipantActivity> activity = stream.awaitCount(MessageType.PARTICIPANT_ACTIVITY, 6, WAIT).stream()
          .map(e -> (ParticipantActivity) e.payload()).toList();
      assertThat(activity).extracting(ParticipantActivity::username, ParticipantActivity::activityType).containsExactly(
          tuple("alice", ActivityType.JOIN), tuple("dave", ActivityType.JOIN), tuple("carol", ActivityType.JOIN),
          tuple("bob", ActivityType.JOIN), tuple("alice", ActivityType.TRADE), tuple("bob", ActivityType.TRADE));
      assertThat(activity.get(4).details()).isEqualTo(new ActivityDetails("BTC", 5.0, 100.0));

      TradeExecuted executed = (TradeExecuted) aliceWallet.awaitCount(MessageType.TRADE_EXECUTED, 1, WAIT).get(0).payload();
      assertThat(executed.contestId()).isEqualTo("c-run");
      assertThat(executed.amount()).isEqualTo(5.0);

      ok(facts.contests.post("/facts/contests/c-run/participants",
          facts.participation("c-run", "leave", dave, "dave", Instant.now()), facts.token));
      ok(facts.transition("c-run", "complete", new JsonObject()));
      ContestUpdated done = contest(stream, c -> c.status() == ContestStatus.COMPLETED);
      assertThat(done.totalParticipants()).isEqualTo(3);
      assertThat(done.timeRemaining()).isZero();
    }
  }

  @Test
  void invalidFactsAreRejectedWithClearErrorsAndChangeNothing() {
    String erin = wallet("Erin");
    ok(facts.create("c-bad", 100, 1000, 60));
    ok(facts.join("c-bad", erin, "erin", Instant.now()));

    rejected(facts.transition("c-unknown", "start", new JsonObject()), 404, "CONTEST_NOT_FOUND");
    rejected(facts.join("c-unknown", erin, "erin", Instant.now()), 404, "CONTEST_NOT_FOUND");
    rejected(facts.transition("c-bad", "complete", new JsonObject()), 409, "ILLEGAL_TRANSITION");
    rejected(facts.transition("c-bad", "round", new JsonObject().put("round", 2)), 409, "ILLEGAL_TRANSITION");
    rejected(facts.create("c-bad", 100, 1000, 60), 409, "CONTEST_EXISTS");
    rejected(facts.join("c-bad", erin, "erin again", Instant.now()), 409, "ALREADY_JOINED");
    rejected(facts.contests.post("/facts/contests/c-bad/participants",
        facts.participation("c-bad", "leave", wallet("Nobody"), "nobody", Instant.now()), facts.token), 409, "NOT_PARTICIPANT");
    rejected(facts.portfolio.post("/facts/trades", facts.trade("c-bad-t0", "c-bad", erin, "BTC", "buy", 1, 10), facts.token),
        409, "CONTEST_NOT_ACTIVE");
    rejected(facts.contests.post("/facts/contests/c%20bad!/start",
        new JsonObject().put("event_id", "x1").put("timestamp", ContestFixture.now()), facts.token), 400, "INVALID_FACT");
    Answer badName = facts.contests.post("/facts/contests", new JsonObject().put("event_id", "x2").put("contest_id", "c-x")
        .put("name", "<b>" + "n".repeat(200) + "</b>").put("total_prize_pool", 1).put("starting_balance", 1)
        .put("duration_seconds", 60).put("timestamp", ContestFixture.now()), facts.token);
    rejected(badName, 400, "INVALID_FACT");
    assertThat(badName.body().getString("message")).contains("name").doesNotContain("<b>");
    rejected(facts.contests.post("/facts/contests/c-bad/participants",
        facts.participation("c-bad", "dance", erin, "erin", Instant.now()), facts.token), 400, "INVALID_FACT");

    ok(facts.transition("c-bad", "start", new JsonObject()));
    rejected(facts.transition("c-bad", "start", new JsonObject()), 409, "ILLEGAL_TRANSITION");
    rejected(facts.transition("c-bad", "round", new JsonObject().put("round", 1)), 400, "INVALID_FACT");
    rejected(facts.portfolio.post("/facts/trades", facts.trade("c-bad-t1", "c-bad", erin, "BTC", "buy", 1000, 10), facts.token),
        409, "INSUFFICIENT_BALANCE");
    rejected(facts.portfolio.post("/facts/trades", facts.trade("c-bad-t2", "c-bad", erin, "BTC", "sell", 1, 10), facts.token),
        409, "INSUFFICIENT_HOLDINGS");
    rejected(facts.portfolio.post("/facts/trades", facts.trade("c-bad-t3", "c-bad", wallet("Nobody"), "BTC", "buy", 1, 10), facts.token),
        409, "NOT_PARTICIPANT");
    rejected(facts.contests.post("/facts/contests", new JsonObject(), null), 401, "UNAUTHORIZED");

    StreamSnapshot snapshot = facts.snapshot("c-bad");
    ContestUpdated contest = (ContestUpdated) snapshot.events().get(0).payload();
    assertThat(contest.currentRound()).isEqualTo(1);
    assertThat(contest.totalParticipants()).isEqualTo(1);
    LeaderboardUpdated board = (LeaderboardUpdated) snapshot.events().get(1).payload();
    assertThat(board.leaderboard()).extracting(LeaderboardEntry::portfolioValue).containsExactly(1000.0);
    // A refused trade's id stays free for the corrected report.
    ok(facts.portfolio.post("/facts/trades", facts.trade("c-bad-t1", "c-bad", erin, "BTC", "buy", 10, 10), facts.token));
  }

  @Test
  void theSameFactReportedTwiceIsAppliedOnce() {
    String fay = wallet("Fay");
    try (StreamRecorder stream = StreamRecorder.watching(facts.observer, StreamId.contest("c-dup"))) {
      ok(facts.create("c-dup", 100, 1000, 60));
      JsonObject join = facts.participation("c-dup", "join", fay, "fay", Instant.now());
      Answer first = facts.contests.post("/facts/contests/c-dup/participants", join, facts.token);
      Answer again = facts.contests.post("/facts/contests/c-dup/participants", join, facts.token);
      assertThat(first.body().getBoolean("duplicate")).isFalse();
      assertThat(again.status()).isEqualTo(200);
      assertThat(again.body().getBoolean("duplicate")).isTrue();
      ok(facts.transition("c-dup", "start", new JsonObject()));
      JsonObject trade = facts.trade("c-dup-t1", "c-dup", fay, "SOL", "buy", 2, 100);
      ok(facts.portfolio.post("/facts/trades", trade, facts.token));
      assertThat(facts.portfolio.post("/facts/trades", trade, facts.token).body().getBoolean("duplicate")).isTrue();

      // A later trade's activity comes after anything the repeated facts could have published.
      ok(facts.portfolio.post("/facts/trades", facts.trade("c-dup-t2", "c-dup", fay, "SOL", "buy", 1, 100), facts.token));
      assertThat(stream.awaitCount(MessageType.PARTICIPANT_ACTIVITY, 3, WAIT))
          .extracting(e -> (ParticipantActivity) e.payload())
          .extracting(ParticipantActivity::activityType, ParticipantActivity::details)
          .containsExactly(
              tuple(ActivityType.JOIN, null),
              tuple(ActivityType.TRADE, new ActivityDetails("SOL", 2.0, 100.0)),
              tuple(ActivityType.TRADE, new ActivityDetails("SOL", 1.0, 100.0)));
      StreamSnapshot snapshot = facts.snapshot("c-dup");
      assertThat(((ContestUpdated) snapshot.events().get(0).payload()).totalParticipants()).isEqualTo(1);
      facts.price("SOL", 100, 0);
      await().atMost(WAIT).untilAsserted(() -> {
        LeaderboardEntry row = ((LeaderboardUpdated) facts.snapshot("c-dup").events().get(1).payload()).leaderboard().get(0);
        assertThat(row.portfolioValue()).as("700 cash and 3 SOL at 100").isEqualTo(1000.0);
      });
    }
  }

  @Test
  void leaderboardUpdatesStayCappedUnderAPriceBurstWhileEveryActivityIsDelivered() {
    ok(facts.create("c-burst", 100, 1000, 600));
    String[] tags = {"Gus", "Hap", "Jan"};
    for (String tag : tags) {
      ok(facts.join("c-burst", wallet(tag), tag, Instant.now()));
    }
    ok(facts.transition("c-burst", "start", new JsonObject()));
    facts.price("AVAX", 20, 0);
    try (StreamRecorder stream = StreamRecorder.watching(facts.observer, StreamId.contest("c-burst"))) {
      int[] tick = {0};
      facts.observer.setPeriodic(5, id -> {
        tick[0]++;
        facts.price("AVAX", 20 + tick[0] * 0.01, 1);
        if (tick[0] == 200) {
          facts.observer.cancelTimer(id);
        }
      });
      for (int i = 0; i < 9; i++) {
        ok(facts.portfolio.post("/facts/trades",
            facts.trade("c-burst-" + i, "c-burst", wallet(tags[i % 3]), "AVAX", "buy", 1, 20), facts.token));
      }
      stream.awaitCount(MessageType.PARTICIPANT_ACTIVITY, 9, WAIT);
      double finalPrice = 20 + 200 * 0.01;
      leaderboard(stream, rows -> Math.abs(rows.get(0).portfolioValue() - (1000 - 60 + 3 * finalPrice)) < 1e-6);
      // The wait is the point: a board sent too soon after the last would arrive within one cap window.
      await().during(Duration.ofMillis(600)).atMost(WAIT).untilAsserted(() -> {
        List<StreamEvent> boards = stream.events(MessageType.LEADERBOARD_UPDATED);
        for (int i = 1; i < boards.size(); i++) {
          long gap = boards.get(i).payload().eventTime().toEpochMilli() - boards.get(i - 1).payload().eventTime().toEpochMilli();
          assertThat(gap).as("gap before LEADERBOARD_UPDATED %d", i).isGreaterThanOrEqualTo(490);
        }
      });

      assertThat(stream.events(MessageType.PARTICIPANT_ACTIVITY)).extracting(StreamEvent::seq)
          .as("three joins came before, then every trade in order").isEqualTo(java.util.stream.LongStream.rangeClosed(4, 12).boxed().toList());
      List<StreamEvent> boards = stream.events(MessageType.LEADERBOARD_UPDATED);
      LeaderboardUpdated last = (LeaderboardUpdated) boards.get(boards.size() - 1).payload();
      assertThat(last.leaderboard().get(0).portfolioValue()).isCloseTo(1000 - 60 + 3 * finalPrice, org.assertj.core.api.Assertions.within(1e-6));
    }
  }

  @Test
  void aSnapshotThenLiveUpdatesContinueWithoutAGapInSeq() {
    assertThatThrownBy(() -> facts.snapshot("c-nowhere"))
        .rootCause().isInstanceOfSatisfying(ReplyException.class, e -> assertThat(e.failureCode()).isEqualTo(404));
    try (StreamRecorder stream = StreamRecorder.watching(facts.observer, StreamId.contest("c-gap"))) {
      ok(facts.create("c-gap", 100, 1000, 60));
      ok(facts.join("c-gap", wallet("Kim"), "kim", Instant.now()));
      stream.awaitCount(MessageType.LEADERBOARD_UPDATED, 1, WAIT);
      // Once the stream has caught up with the snapshot, every seq up to the snapshot's was recorded once.
      StreamSnapshot snapshot = await().atMost(WAIT).until(() -> facts.snapshot("c-gap"), taken ->
          taken.events().size() == 2
              && taken.events().get(0).seq() == stream.events(MessageType.CONTEST_UPDATED).size()
              && taken.events().get(1).seq() == stream.events(MessageType.LEADERBOARD_UPDATED).size());
      assertThat(snapshot.events()).extracting(e -> e.payload().type())
          .containsExactly(MessageType.CONTEST_UPDATED, MessageType.LEADERBOARD_UPDATED);
      long contestSeq = snapshot.events().get(0).seq();
      long boardSeq = snapshot.events().get(1).seq();
      assertThat(stream.events(MessageType.CONTEST_UPDATED)).extracting(StreamEvent::seq)
          .isEqualTo(java.util.stream.LongStream.rangeClosed(1, contestSeq).boxed().toList());
      assertThat(stream.events(MessageType.LEADERBOARD_UPDATED)).extracting(StreamEvent::seq)
          .isEqualTo(java.util.stream.LongStream.rangeClosed(1, boardSeq).boxed().toList());

      ok(facts.join("c-gap", wallet("Lou"), "lou", Instant.now()));
      assertThat(stream.await(MessageType.CONTEST_UPDATED, e -> e.seq() > contestSeq, WAIT).seq()).isEqualTo(contestSeq + 1);
      assertThat(stream.await(MessageType.LEADERBOARD_UPDATED, e -> e.seq() > boardSeq, WAIT).seq()).isEqualTo(boardSeq + 1);
    }
  }

  private static LeaderboardUpdated leaderboard(StreamRecorder stream, Predicate<List<LeaderboardEntry>> match) {
    return (LeaderboardUpdated) stream.await(MessageType.LEADERBOARD_UPDATED,
        e -> {
          List<LeaderboardEntry> rows = ((LeaderboardUpdated) e.payload()).leaderboard();
          return rows.size() >= 2 && match.test(rows);
        }, WAIT).payload();
  }

  private static ContestUpdated contest(StreamRecorder stream, Predicate<ContestUpdated> match) {
    return (ContestUpdated) stream.await(MessageType.CONTEST_UPDATED, e -> match.test((ContestUpdated) e.payload()), WAIT)
        .payload();
  }
}
