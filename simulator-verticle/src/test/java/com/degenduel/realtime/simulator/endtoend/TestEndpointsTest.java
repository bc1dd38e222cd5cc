package com.degenduel.realtime.simulator.endtoend;

import static com.degenduel.realtime.simulator.endtoend.SimulatedWorld.DEMO_CONTEST;
import static com.degenduel.realtime.simulator.endtoend.SimulatedWorld.DEMO_WALLET;
import static com.degenduel.realtime.simulator.endtoend.SimulatedWorldTest.drain;
import static com.degenduel.realtime.simulator.endtoend.SimulatedWorldTest.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.degenduel.realtime.node.auth.Role;
import com.degenduel.realtime.simulator.endtoend.SimulatedWorld.Reply;
import com.degenduel.realtime.testkit.WssTestClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The simulator's test endpoints over real HTTP, with their effects observed as a frontend would,
 * over real WSS: only admins may use them, and each does what it says.
 */
@ExtendWith(SimulatedWorld.Shared.class)
class TestEndpointsTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String FRESH_WALLET = "TestWa11et2222222222222222222222222222222222";
  private static final String BURST_WALLET = "BurstWa11et333333333333333333333333333333333";
  private static SimulatedWorld world;

  @BeforeAll
  static void start(SimulatedWorld shared) {
    world = shared;
  }

  @Test
  void everyEndpointRefusesNonAdminsWith401Or403() {
    String user = world.token(DEMO_WALLET, Role.USER);
    String service = world.token("degenduel-backend", Role.SERVICE);
    List<String> gets = List.of("/sim/users", "/sim/contests", "/sim/market/rates", "/sim/market/faults");
    List<String> posts = List.of("/sim/market/faults", "/sim/market/rates", "/sim/portfolio/updates",
        "/sim/contests/" + DEMO_CONTEST + "/advance", "/sim/contests/" + DEMO_CONTEST + "/complete",
        "/sim/contests/" + DEMO_CONTEST + "/cancel", "/sim/contests/" + DEMO_CONTEST + "/churn",
        "/sim/edge/malformed-facts", "/sim/edge/cancel-mid-round", "/sim/edge/burst");
    for (String path : gets) {
      assertThat(world.get(path, null).status()).as("GET %s without a token", path).isEqualTo(401);
      assertThat(world.get(path, "not.a.token").status()).as("GET %s with garbage", path).isEqualTo(401);
      assertThat(world.get(path, user).status()).as("GET %s as a user", path).isEqualTo(403);
    }
    for (String path : posts) {
      assertThat(world.post(path, new JsonObject(), null).status()).as("POST %s without a token", path).isEqualTo(401);
      assertThat(world.post(path, new JsonObject(), user).status()).as("POST %s as a user", path).isEqualTo(403);
      assertThat(world.post(path, new JsonObject(), service).status()).as("POST %s as a service", path).isEqualTo(403);
    }
  }

  @Test
  void usersAndContestsAreListedForAdmins() {
    // Asked until answered: a rare 500 here (now logged by the simulator with its cause) is not what this test is about.
    JsonObject users = world.awaitReply("/sim/users", body -> body.containsKey("users"), WAIT);
    List<JsonObject> all = users.getJsonArray("users").stream().map(JsonObject.class::cast).toList();
    assertThat(all).hasSize(9);
    assertThat(all.get(0).getString("wallet_address")).isEqualTo(DEMO_WALLET);
    assertThat(all).allSatisfy(u -> assertThat(u.getString("wallet_address")).matches("[1-9A-HJ-NP-Za-km-z]{32,44}"));
    JsonObject contests = world.awaitReply("/sim/contests", body -> body.getJsonArray("contests").size() >= 2, WAIT);
    assertThat(contests.getJsonArray("contests").stream().map(JsonObject.class::cast).map(c -> c.getString("contest_id")))
        .contains(DEMO_CONTEST);
  }

  @Test
  void portfolioUpdatesForAChosenWalletArriveAtTheChosenFrequency() {
    try (WssTestClient client = world.connect("/api/v2/ws/portfolio", world.token(FRESH_WALLET, Role.USER))) {
      Reply reply = world.post("/sim/portfolio/updates",
          new JsonObject().put("wallets", new JsonArray().add(FRESH_WALLET)).put("per_second", 5).put("seconds", 2), world.admin());
      assertThat(reply.status()).isEqualTo(202);
      assertThat(reply.body().getLong("trades_planned")).isEqualTo(10);
      List<JsonObject> seen = collect(client, Duration.ofSeconds(3));
      assertThat(ofType(seen, "TRADE_EXECUTED")).hasSizeBetween(5, 12)
          .allSatisfy(t -> assertThat(t.getJsonObject("data").getString("wallet_address")).isEqualTo(FRESH_WALLET));
      assertThat(ofType(seen, "PORTFOLIO_UPDATED")).isNotEmpty();
    }
    assertThat(world.post("/sim/portfolio/updates", new JsonObject().put("wallets", new JsonArray().add("0xnot-base58")),
        world.admin()).status()).isEqualTo(400);
    assertThat(world.post("/sim/portfolio/updates", new JsonObject().put("wallets", new JsonArray().add(FRESH_WALLET))
        .put("per_second", 1000), world.admin()).status()).as("rate bounded").isEqualTo(400);
  }

  @Test
  void marketRatesChangePerSymbolForABoundedTime() {
    Reply changed = world.post("/sim/market/rates",
        new JsonObject().put("symbol", "ETH").put("ticks_per_second", 400).put("seconds", 1.5), world.admin());
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.body().getJsonObject("ticks_per_second").getInteger("ETH")).isEqualTo(400);
    assertThat(changed.body().getJsonObject("ticks_per_second").getInteger("BTC")).isEqualTo(50);
    world.awaitReply("/sim/market/rates", b -> Integer.valueOf(50).equals(b.getJsonObject("ticks_per_second", new JsonObject()).getInteger("ETH")), Duration.ofSeconds(5));
    assertThat(world.post("/sim/market/rates", new JsonObject().put("symbol", "NOPE"), world.admin()).status()).isEqualTo(400);
    assertThat(world.post("/sim/market/rates", new JsonObject().put("symbol", "ETH").put("ticks_per_second", 1_000_000),
        world.admin()).status()).isEqualTo(400);
  }

  @Test
  void aTickBurstIsConflatedToTheMarketCap() {
    try (WssTestClient client = world.connect("/api/v2/ws/market?symbols=SOL", world.token(DEMO_WALLET, Role.USER))) {
      client.next(WAIT);
      Reply burst = world.post("/sim/edge/burst", new JsonObject().put("kind", "ticks").put("symbol", "SOL").put("count", 1000),
          world.admin());
      assertThat(burst.status()).isEqualTo(200);
      long started = System.nanoTime();
      List<JsonObject> seen = collect(client, Duration.ofMillis(500));
      // The cap is 10 in any one-second window, so what may be seen grows with each started second
      // since the burst began (its own duration included), plus the price the window edge admits.
      long seconds = (Duration.ofNanos(System.nanoTime() - started).toMillis() + burst.body().getLong("elapsed_ms", 1000L)) / 1000 + 1;
      assertThat(ofType(seen, "MARKET_PRICE").size()).as("at most 10 prices a second over %d s, burst or not", seconds)
          .isLessThanOrEqualTo((int) (10 * seconds) + 1);
      assertThat(ofType(seen, "MARKET_VOLUME")).isNotEmpty();
    }
  }

  @Test
  void aTradeBurstReachesTheWalletWithEveryTradeAndConflatedValuations() {
    try (WssTestClient client = world.connect("/api/v2/ws/portfolio", world.token(BURST_WALLET, Role.USER))) {
      client.next(WAIT);
      Reply burst = world.post("/sim/edge/burst",
          new JsonObject().put("kind", "trades").put("wallet", BURST_WALLET).put("symbol", "BTC").put("count", 1000), world.admin());
      assertThat(burst.status()).isEqualTo(200);
      assertThat(burst.body().getInteger("sent")).isEqualTo(1000);
      assertThat(burst.body().getJsonObject("answers").getInteger("200")).as("answers %s", burst.body()).isEqualTo(1000);
      long elapsedSeconds = Math.max(1, burst.body().getLong("elapsed_ms") / 1000 + 1);
      List<JsonObject> seen = new ArrayList<>();
      await().atMost(WAIT).pollInterval(SimulatedWorldTest.POLL).until(() -> {
        drain(client, seen::add);
        return ofType(seen, "TRADE_EXECUTED").size() >= 1000;
      });
      assertThat(ofType(seen, "TRADE_EXECUTED")).as("every trade, none conflated").hasSize(1000);
      assertThat(ofType(seen, "PORTFOLIO_UPDATED").size())
          .as("PORTFOLIO_UPDATED at most once a second over %s s", elapsedSeconds).isLessThanOrEqualTo((int) elapsedSeconds + 3);
      SimulatedWorldTest.assertNoGaps(seen);
    }
  }

  @Test
  void malformedFactsAreAllRefusedAsTheyShouldBe() {
    world.awaitReply("/sim/contests", body -> body.getJsonArray("contests").stream().map(JsonObject.class::cast)
        .anyMatch(c -> DEMO_CONTEST.equals(c.getString("contest_id")) && "active".equals(c.getString("stage"))), WAIT);
    Reply report = world.post("/sim/edge/malformed-facts", null, world.admin());
    assertThat(report.status()).isEqualTo(200);
    JsonArray cases = report.body().getJsonArray("cases");
    assertThat(cases.size()).isGreaterThanOrEqualTo(25);
    assertThat(cases.stream().map(JsonObject.class::cast).filter(c -> !c.getBoolean("as_expected")).toList())
        .as("cases answered otherwise than expected").isEmpty();
    assertThat(report.body().getBoolean("all_as_expected")).isTrue();
  }

  @Test
  void aContestCancelledMidRoundIsSeenCancelledInRoundTwo() {
    Reply launched = world.post("/sim/edge/cancel-mid-round", new JsonObject().put("after_seconds", 3), world.admin());
    assertThat(launched.status()).isEqualTo(202);
    String contest = launched.body().getString("contest_id");
    world.awaitReply("/sim/contests", b -> b.getJsonArray("contests").stream().map(JsonObject.class::cast)
        .anyMatch(c -> contest.equals(c.getString("contest_id")) && "active".equals(c.getString("stage"))), WAIT);
    try (WssTestClient client = world.connect("/api/v2/ws/contest/" + contest, world.token(DEMO_WALLET, Role.USER))) {
      JsonObject cancelled = client.nextMatching(m -> "CONTEST_UPDATED".equals(m.getString("type"))
          && "cancelled".equals(m.getJsonObject("data").getString("status")), WAIT);
      assertThat(cancelled.getJsonObject("data").getInteger("current_round")).isEqualTo(2);
    }
    assertThat(world.post("/sim/contests/" + contest + "/cancel", null, world.admin()).status())
        .as("an ended contest cannot change").isEqualTo(409);
  }

  @Test
  void contestStateChangesAndChurnShowOnTheContestStream() {
    JsonObject contests = world.awaitReply("/sim/contests", b -> b.getJsonArray("contests").stream().map(JsonObject.class::cast)
        .anyMatch(c -> !c.getBoolean("demo") && "active".equals(c.getString("stage"))), WAIT);
    JsonObject target = contests.getJsonArray("contests").stream().map(JsonObject.class::cast)
        .filter(c -> !c.getBoolean("demo") && "active".equals(c.getString("stage"))).findFirst().orElseThrow();
    String id = target.getString("contest_id");
    try (WssTestClient client = world.connect("/api/v2/ws/contest/" + id, world.token(DEMO_WALLET, Role.USER))) {
      int round = client.nextMatching(WssTestClient.ofType("CONTEST_UPDATED"), WAIT).getJsonObject("data").getInteger("current_round");
      Reply advanced = world.change("/sim/contests/" + id + "/advance");
      assertThat(advanced.status()).isEqualTo(200);
      assertThat(advanced.body().getJsonObject("answer").getInteger("status")).isEqualTo(200);
      client.nextMatching(m -> "CONTEST_UPDATED".equals(m.getString("type"))
          && m.getJsonObject("data").getInteger("current_round") > round, WAIT);

      Reply churn = world.post("/sim/contests/" + id + "/churn",
          new JsonObject().put("trades_per_second", 20).put("joins_per_second", 2).put("seconds", 2), world.admin());
      assertThat(churn.status()).isEqualTo(202);
      List<JsonObject> seen = new ArrayList<>();
      await().atMost(WAIT).pollInterval(SimulatedWorldTest.POLL).untilAsserted(() -> {
        drain(client, seen::add);
        assertThat(ofType(seen, "PARTICIPANT_ACTIVITY").size()).as("churn in the contest").isGreaterThanOrEqualTo(10);
        assertThat(ofType(seen, "LEADERBOARD_UPDATED")).isNotEmpty();
      });

      assertThat(world.change("/sim/contests/" + id + "/complete").status()).isEqualTo(200);
      client.nextMatching(m -> "CONTEST_UPDATED".equals(m.getString("type"))
          && "completed".equals(m.getJsonObject("data").getString("status")), WAIT);
    }
    assertThat(world.post("/sim/contests/" + DEMO_CONTEST + "/cancel", null, world.admin()).status())
        .as("the demo contest runs as long as the simulator").isEqualTo(409);
    assertThat(world.post("/sim/contests/no-such/advance", null, world.admin()).status()).isEqualTo(404);
  }

  /** Everything that arrives within the window: the cap bounds messages over time, so the wait is the point. */
  private static List<JsonObject> collect(WssTestClient client, Duration window) {
    List<JsonObject> seen = new ArrayList<>();
    await().during(window).atMost(window.plus(WAIT)).pollInterval(SimulatedWorldTest.POLL).until(() -> {
      drain(client, seen::add);
      return true;
    });
    drain(client, seen::add);
    return seen;
  }
}
