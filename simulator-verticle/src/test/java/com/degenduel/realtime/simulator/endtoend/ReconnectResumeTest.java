package com.degenduel.realtime.simulator.endtoend;

import static com.degenduel.realtime.testkit.WssTestClient.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.degenduel.realtime.codec.wire.WireTime;
import com.degenduel.realtime.node.auth.Role;
import com.degenduel.realtime.testkit.FactClient;
import com.degenduel.realtime.testkit.WssTestClient;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Clients that reconnect with {@code since} and {@code epoch}, over real WSS through the gateway,
 * to the real portfolio and contest services, with facts reported over their real ingestion APIs:
 * they get the snapshot, RESUMED, what they missed in order and once, then the live stream.
 */
@ExtendWith(SimulatedWorld.Shared.class)
class ReconnectResumeTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final AtomicInteger IDS = new AtomicInteger();

  private final SimulatedWorld world;
  private final FactClient portfolio;
  private final FactClient contests;
  private final String service;

  ReconnectResumeTest(SimulatedWorld world) {
    this.world = world;
    this.portfolio = new FactClient(world.client(), world.portfolioIngestPort);
    this.contests = new FactClient(world.client(), world.contestIngestPort);
    this.service = world.token("degenduel-backend", Role.SERVICE);
  }

  @Test
  void aPortfolioClientGetsWhatItMissedOnceAndInOrderThenTheLiveStream() {
    String wallet = wallet("ResumeA");
    String token = world.token(wallet, Role.USER);
    JsonObject last = lastOfTradesSeenLive(wallet, token, "ra-1", "ra-2");
    long since = last.getLong("seq");
    String epoch = last.getString("epoch");
    assertThat(epoch).as("events carry their stream's epoch").isNotBlank();
    trade(wallet, "ra-3");
    trade(wallet, "ra-4");

    try (WssTestClient back = world.connect("/api/v2/ws/portfolio?since=" + since + "&epoch=" + epoch, token)) {
      List<JsonObject> seen = until(back, tradeId("ra-4"));
      List<String> order = seen.stream().map(ReconnectResumeTest::label)
          .filter(l -> !l.equals("PRICE_UPDATED")).toList();
      assertThat(order.get(0)).isEqualTo("PORTFOLIO_UPDATED");
      assertThat(order.subList(order.indexOf("RESUMED"), order.size())).containsExactly("RESUMED", "ra-3", "ra-4");
      JsonObject resumed = seen.stream().filter(ofType("RESUMED")).findFirst().orElseThrow();
      assertThat(resumed.getJsonObject("data").getMap()).containsEntry("recovered", true).containsEntry("replayed", 2);
      assertThat(resumed.getJsonObject("data").getLong("from_seq")).isEqualTo(since + 1);
      List<JsonObject> missed = seen.stream().filter(ofType("TRADE_EXECUTED")).toList();
      assertThat(missed).extracting(m -> m.getLong("seq")).containsExactly(since + 1, since + 2);
      assertThat(missed).extracting(m -> m.getString("epoch")).containsOnly(epoch);

      trade(wallet, "ra-5");
      trade(wallet, "ra-6");
      seen.addAll(until(back, tradeId("ra-6")));
      assertThat(seen.stream().filter(ofType("TRADE_EXECUTED")).map(ReconnectResumeTest::label))
          .as("every missed and live event once").containsExactly("ra-3", "ra-4", "ra-5", "ra-6");
    }
  }

  @Test
  void aResumeTheHistoryCannotCoverSaysSoAndReplaysNothing() {
    String wallet = wallet("ResumeB");
    String token = world.token(wallet, Role.USER);
    JsonObject first = lastOfTradesSeenLive(wallet, token, "rb-0");
    long since = first.getLong("seq");
    String epoch = first.getString("epoch");
    for (int i = 1; i <= SimulatedWorld.HISTORY_EVENTS + 5; i++) {
      trade(wallet, "rb-" + i);
    }
    // Events leave the history only once they are marked published (every 250 ms), so the kept
    // history shrinks to its limit a moment after the burst.
    String old = "since=" + since + "&epoch=" + epoch;
    await().atMost(WAIT).until(() -> {
      try (WssTestClient probe = world.connect("/api/v2/ws/portfolio?" + old, token)) {
        return !probe.nextMatching(ofType("RESUMED"), WAIT).getJsonObject("data").getBoolean("recovered");
      }
    });
    for (String query : List.of(
        old,
        "since=" + (since + SimulatedWorld.HISTORY_EVENTS + 5) + "&epoch=another",
        "since=" + (since + 1000) + "&epoch=" + epoch)) {
      try (WssTestClient back = world.connect("/api/v2/ws/portfolio?" + query, token)) {
        JsonObject resumed = back.nextMatching(ofType("RESUMED"), WAIT);
        assertThat(resumed.getJsonObject("data").getMap()).as(query)
            .containsEntry("recovered", false).containsEntry("replayed", 0);
        back.nextMatching(ofType("PORTFOLIO_UPDATED"), WAIT);
        trade(wallet, "rb-live-" + IDS.incrementAndGet());
        JsonObject next = back.nextMatching(ofType("TRADE_EXECUTED"), WAIT);
        assertThat(label(next)).as("after an unrecovered resume only live events follow").startsWith("rb-live-");
      }
    }
  }

  @Test
  void aMalformedSinceOrEpochIsAnErrorAndTheSocketServesTheCurrentState() {
    String wallet = wallet("ResumeC");
    String token = world.token(wallet, Role.USER);
    for (String query : List.of("since=abc&epoch=e1", "since=5", "since=1&epoch=bad%20epoch", "since=99999999999999999&epoch=e1")) {
      try (WssTestClient client = world.connect("/api/v2/ws/portfolio?" + query, token)) {
        JsonObject error = client.nextMatching(ofType("ERROR"), WAIT);
        assertThat(error.getJsonObject("error").getString("code")).as(query).isEqualTo("INVALID_RESUME");
        client.nextMatching(ofType("PORTFOLIO_UPDATED"), WAIT);
        client.send(new JsonObject().put("type", "PING").encode());
        client.nextMatching(ofType("PONG"), WAIT);
      }
    }
  }

  @Test
  void aContestClientGetsTheActivityItMissed() {
    String contest = "resume-" + IDS.incrementAndGet();
    ok(contests.post("/facts/contests", new JsonObject().put("event_id", contest + "-create").put("contest_id", contest)
        .put("name", "Resume").put("total_prize_pool", 100).put("starting_balance", 1000).put("duration_seconds", 600)
        .put("timestamp", WireTime.format(WireTime.now())), service));
    String token = world.token(wallet("ResumeD"), Role.USER);
    JsonObject last;
    try (WssTestClient first = world.connect("/api/v2/ws/contest/" + contest, token)) {
      first.nextMatching(ofType("LEADERBOARD_UPDATED"), WAIT);
      join(contest, wallet("ResumeD1"));
      last = first.nextMatching(ofType("PARTICIPANT_ACTIVITY"), WAIT);
    }
    join(contest, wallet("ResumeD2"));
    join(contest, wallet("ResumeD3"));

    String query = "?since=" + last.getLong("seq") + "&epoch=" + last.getString("epoch");
    try (WssTestClient back = world.connect("/api/v2/ws/contest/" + contest + query, token)) {
      List<JsonObject> seen = until(back, m -> wallet("ResumeD3").equals(walletOf(m)));
      JsonObject resumed = seen.stream().filter(ofType("RESUMED")).findFirst().orElseThrow();
      assertThat(resumed.getJsonObject("data").getMap()).containsEntry("recovered", true).containsEntry("replayed", 2);
      assertThat(seen.stream().filter(ofType("PARTICIPANT_ACTIVITY")).map(ReconnectResumeTest::walletOf))
          .containsExactly(wallet("ResumeD2"), wallet("ResumeD3"));
      JsonObject contestUpdated = seen.stream().filter(ofType("CONTEST_UPDATED")).findFirst().orElseThrow();
      assertThat(seen.indexOf(contestUpdated)).as("the snapshot comes first").isLessThan(seen.indexOf(resumed));
    }
  }

  /** Reports the trades while a client watches the wallet, and returns the last one's TRADE_EXECUTED as it received it. */
  private JsonObject lastOfTradesSeenLive(String wallet, String token, String... tradeIds) {
    try (WssTestClient client = world.connect("/api/v2/ws/portfolio", token)) {
      client.nextMatching(ofType("PORTFOLIO_UPDATED"), WAIT);
      JsonObject last = null;
      for (String id : tradeIds) {
        trade(wallet, id);
      }
      for (String id : tradeIds) {
        last = client.nextMatching(tradeId(id), WAIT);
      }
      return last;
    }
  }

  private void trade(String wallet, String tradeId) {
    ok(portfolio.post("/facts/trades", new JsonObject().put("trade_id", tradeId).put("wallet_address", wallet)
        .put("symbol", "BTC").put("side", "buy").put("amount", 0.5).put("price", 100)
        .put("timestamp", WireTime.format(WireTime.now())), service));
  }

  private void join(String contest, String wallet) {
    ok(contests.post("/facts/contests/" + contest + "/participants", new JsonObject()
        .put("event_id", contest + "-join-" + wallet).put("action", "join").put("wallet_address", wallet)
        .put("username", "u" + IDS.incrementAndGet()).put("timestamp", WireTime.format(WireTime.now())), service));
  }

  private static void ok(FactClient.Answer answer) {
    assertThat(answer.status()).as(answer.body().encode()).isEqualTo(200);
  }

  /** Every message up to and including the first that matches. */
  private static List<JsonObject> until(WssTestClient client, Predicate<JsonObject> last) {
    List<JsonObject> seen = new ArrayList<>();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (seen.isEmpty() || !last.test(seen.get(seen.size() - 1))) {
      seen.add(client.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime()))));
    }
    return seen;
  }

  private static Predicate<JsonObject> tradeId(String id) {
    return m -> ofType("TRADE_EXECUTED").test(m) && id.equals(m.getJsonObject("data").getString("trade_id"));
  }

  private static String label(JsonObject message) {
    return "TRADE_EXECUTED".equals(message.getString("type"))
        ? message.getJsonObject("data").getString("trade_id")
        : message.getString("type");
  }

  private static String walletOf(JsonObject message) {
    JsonObject data = message.getJsonObject("data");
    return "PARTICIPANT_ACTIVITY".equals(message.getString("type")) && data != null ? data.getString("wallet_address") : null;
  }

  private static String wallet(String tag) {
    return (tag + "1111111111111111111111111111111111111111111111").substring(0, 44);
  }
}
