package com.degenduel.realtime.gateway;

import static com.degenduel.realtime.testkit.WssTestClient.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.codec.close.CloseCode;
import com.degenduel.realtime.codec.message.contest.ContestStatus;
import com.degenduel.realtime.codec.message.contest.ContestUpdated;
import com.degenduel.realtime.codec.message.market.MarketAvailability;
import com.degenduel.realtime.codec.message.market.MarketPrice;
import com.degenduel.realtime.codec.message.market.MarketVolume;
import com.degenduel.realtime.codec.message.market.VolumeInterval;
import com.degenduel.realtime.codec.message.portfolio.PortfolioUpdated;
import com.degenduel.realtime.codec.message.portfolio.TokenValue;
import com.degenduel.realtime.codec.stream.Addresses;
import com.degenduel.realtime.codec.stream.StreamEvent;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.codec.wire.StreamBatch;
import com.degenduel.realtime.codec.wire.StreamFrame;
import com.degenduel.realtime.codec.wire.WireTime;
import com.degenduel.realtime.node.auth.Role;
import com.degenduel.realtime.testkit.TestTokens;
import com.degenduel.realtime.testkit.WssTestClient;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What clients receive through a gateway on one cluster member from publishers on another. */
class GatewayStreamingTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static GatewayCluster gw;

  @BeforeAll
  static void start() {
    gw = new GatewayCluster();
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  private static StreamEvent price(String symbol, long seq, double price) {
    return new StreamEvent(
        StreamId.market(symbol), seq, new MarketPrice(symbol, price, 1.5, 1000, price + 10, price - 10, WireTime.now()));
  }

  private static String token(String wallet) {
    return TestTokens.user(gw.services(), wallet);
  }

  @Test
  void marketTickPublishedOnAnotherMemberReachesTheClientAfterItsSnapshot() {
    gw.publish(price("ETH", 41, 3000.0));
    try (WssTestClient client =
        WssTestClient.connect(gw.services(), gw.port(), "/api/v2/ws/market?symbols=ETH", token("Wa11etMarket0000000000000001"))) {
      JsonObject snapshot = client.next(WAIT);
      assertThat(snapshot.getString("type")).isEqualTo("MARKET_PRICE");
      assertThat(snapshot.getLong("seq")).isEqualTo(41);
      assertThat(snapshot.getJsonObject("data").getDouble("price")).isEqualTo(3000.0);

      for (int seq = 42; seq <= 46; seq++) {
        gw.publish(price("ETH", seq, 3000.0 + seq));
      }
      for (int seq = 42; seq <= 46; seq++) {
        JsonObject live = client.next(WAIT);
        assertThat(live.getLong("seq")).as("no gap and no duplicate after the snapshot").isEqualTo(seq);
        assertThat(live.getJsonObject("data").getDouble("price")).isEqualTo(3000.0 + seq);
      }
    }
  }

  @Test
  void aGatewayWritesThePublishersBytesAsTheyCameWithoutDecodingThem() {
    gw.publish(price("DOT", 1, 7.0));
    try (WssTestClient client =
        WssTestClient.connect(gw.services(), gw.port(), "/api/v2/ws/market?symbols=DOT", token("Wa11etMarket0000000000000009"))) {
      assertThat(client.next(WAIT).getLong("seq")).isEqualTo(1);

      // A field no record has: decoded into a record and encoded again, the message would lose it.
      StreamFrame encoded = StreamFrame.of(price("DOT", 2, 7.5));
      byte[] asPublished = new JsonObject(new String(encoded.json(), StandardCharsets.UTF_8))
          .put("x_as_published", true).encode().getBytes(StandardCharsets.UTF_8);
      gw.services().eventBus().publish(encoded.address(), StreamBatch.of(new StreamFrame(
          encoded.stream(), encoded.seq(), encoded.epoch(), encoded.type(), encoded.conflationKey(), encoded.eventTimeMillis(),
          asPublished)));

      JsonObject live = client.next(WAIT);
      assertThat(live.getLong("seq")).isEqualTo(2);
      assertThat(live.getBoolean("x_as_published")).isTrue();
    }
  }

  @Test
  void aLoneFrameAsMembersOfThePreviousVersionPublishItIsDeliveredDuringARollingUpgrade() {
    gw.publish(price("ADA", 1, 0.5));
    try (WssTestClient client =
        WssTestClient.connect(gw.services(), gw.port(), "/api/v2/ws/market?symbols=ADA", token("Wa11etMarket0000000000000010"))) {
      assertThat(client.next(WAIT).getLong("seq")).isEqualTo(1);

      StreamFrame lone = StreamFrame.of(price("ADA", 2, 0.6));
      gw.services().eventBus().publish(lone.address(), lone);

      assertThat(client.next(WAIT).getLong("seq")).isEqualTo(2);
    }
  }

  @Test
  void aSecondSubscriberGetsTheLatestStateFromTheGatewayThenTheSameLiveFrames() {
    gw.publish(price("SOL", 1, 150.0));
    try (WssTestClient first =
            WssTestClient.connect(gw.services(), gw.port(), "/api/v2/ws/market?symbols=SOL", token("Wa11etMarket0000000000000002"));
        WssTestClient second = connectAfter(first, "Wa11etMarket0000000000000003")) {
      gw.publish(price("SOL", 3, 152.0));
      assertThat(first.next(WAIT).getLong("seq")).isEqualTo(3);
      assertThat(second.next(WAIT).getLong("seq")).isEqualTo(3);
    }
  }

  private static WssTestClient connectAfter(WssTestClient first, String wallet) {
    assertThat(first.next(WAIT).getLong("seq")).isEqualTo(1);
    gw.publish(price("SOL", 2, 151.0));
    assertThat(first.next(WAIT).getLong("seq")).isEqualTo(2);
    WssTestClient second =
        WssTestClient.connect(gw.services(), gw.port(), "/api/v2/ws/market?symbols=SOL", token(wallet));
    JsonObject state = second.next(WAIT);
    assertThat(state.getLong("seq")).as("the latest state, served by the gateway").isEqualTo(2);
    return second;
  }

  @Test
  void aLateSubscriberReceivesTheCachedStatesInPublicationOrder() {
    gw.publish(price("AVAX", 1, 30.0));
    try (WssTestClient first =
        WssTestClient.connect(gw.services(), gw.port(), "/api/v2/ws/market?symbols=AVAX", token("Wa11etMarket0000000000000007"))) {
      assertThat(first.next(WAIT).getLong("seq")).isEqualTo(1);
      gw.publish(volume("AVAX", 1, VolumeInterval.M1));
      gw.publish(volume("AVAX", 2, VolumeInterval.M5));
      gw.publish(volume("AVAX", 3, VolumeInterval.M1));
      for (int i = 0; i < 3; i++) {
        first.nextMatching(ofType("MARKET_VOLUME"), WAIT);
      }
      try (WssTestClient late =
          WssTestClient.connect(gw.services(), gw.port(), "/api/v2/ws/market?symbols=AVAX", token("Wa11etMarket0000000000000008"))) {
        List<Long> volumeSeqs = new java.util.ArrayList<>();
        JsonObject message = late.next(WAIT);
        while (true) {
          if ("MARKET_VOLUME".equals(message.getString("type"))) {
            volumeSeqs.add(message.getLong("seq"));
          }
          if (volumeSeqs.size() == 2) {
            break;
          }
          message = late.next(WAIT);
        }
        assertThat(volumeSeqs).as("5m (seq 2) then the newer 1m (seq 3)").containsExactly(2L, 3L);
      }
    }
  }

  private static StreamEvent volume(String symbol, long seq, VolumeInterval interval) {
    return new StreamEvent(StreamId.market(symbol), seq, new MarketVolume(symbol, 10 * seq, seq, 5, 5, interval, WireTime.now()));
  }

  @Test
  void unknownSymbolGetsAnErrorWhileKnownOnesStream() {
    gw.publish(price("BTC", 7, 65000.0));
    try (WssTestClient client =
        WssTestClient.connect(gw.services(), gw.port(), "/api/v2/ws/market?symbols=BTC,NOPE", token("Wa11etMarket0000000000000004"))) {
      JsonObject error = client.nextMatching(ofType("ERROR"), WAIT);
      assertThat(error.getJsonObject("error").getString("code")).isEqualTo("UNKNOWN_SYMBOL");
      assertThat(client.nextMatching(ofType("MARKET_PRICE"), WAIT).getLong("seq")).isEqualTo(7);
    }
  }

  @Test
  void emptyOrMalformedSymbolListsAreRefusedWithAnError() {
    for (String query : List.of("", "?symbols=", "?symbols=btc;drop", "?symbols=" + "A,".repeat(60) + "B")) {
      try (WssTestClient client =
          WssTestClient.connect(gw.services(), gw.port(), "/api/v2/ws/market" + query, token("Wa11etMarket0000000000000005"))) {
        JsonObject error = client.next(WAIT);
        assertThat(error.getJsonObject("error").getString("code")).as(query).isEqualTo("INVALID_SYMBOLS");
        assertThat(client.awaitClose(WAIT)).isEqualTo(CloseCode.POLICY_VIOLATION.code());
      }
    }
  }

  @Test
  void contestStreamsItsStateAndUnknownOrMalformedContestsAreRefused() {
    gw.knownContests.add("cup-1");
    StreamId cup = StreamId.contest("cup-1");
    gw.publish(new StreamEvent(cup, 5, new ContestUpdated("cup-1", ContestStatus.ACTIVE, 2, 600L, 10, 500.0)));
    try (WssTestClient client =
        WssTestClient.connect(gw.services(), gw.port(), "/api/v2/ws/contest/cup-1", token("Wa11etContest000000000000001"))) {
      JsonObject state = client.next(WAIT);
      assertThat(state.getString("type")).isEqualTo("CONTEST_UPDATED");
      assertThat(state.getJsonObject("data").getString("status")).isEqualTo("active");
    }
    try (WssTestClient client =
        WssTestClient.connect(gw.services(), gw.port(), "/api/v2/ws/contest/no-such-cup", token("Wa11etContest000000000000002"))) {
      assertThat(client.next(WAIT).getJsonObject("error").getString("code")).isEqualTo("CONTEST_NOT_FOUND");
      assertThat(client.awaitClose(WAIT)).isEqualTo(CloseCode.NOT_FOUND.code());
    }
    try (WssTestClient client =
        WssTestClient.connect(gw.services(), gw.port(), "/api/v2/ws/contest/bad%20id!", token("Wa11etContest000000000000003"))) {
      assertThat(client.next(WAIT).getJsonObject("error").getString("code")).isEqualTo("INVALID_CONTEST_ID");
      assertThat(client.awaitClose(WAIT)).isEqualTo(CloseCode.NOT_FOUND.code());
    }
  }

  @Test
  void portfolioStreamsTheTokensOwnWalletAndOnlyAdminsMayWatchAnother() {
    String mine = "Wa11etPortfolio0000000000001";
    String theirs = "Wa11etPortfolio0000000000002";
    gw.publish(
        new StreamEvent(
            StreamId.wallet(theirs), 3, new PortfolioUpdated(List.of(new TokenValue("BTC", "Bitcoin", 0.5, 32500.0)), 32500.0, 2.0, WireTime.now())));
    try (WssTestClient user =
        WssTestClient.connect(gw.services(), gw.port(), "/api/v2/ws/portfolio?wallet=" + theirs, token(mine))) {
      assertThat(user.next(WAIT).getJsonObject("error").getString("code")).isEqualTo("FORBIDDEN");
      assertThat(user.awaitClose(WAIT)).isEqualTo(CloseCode.FORBIDDEN.code());
    }
    String adminToken = TestTokens.issue(gw.services(), mine, Role.ADMIN, Duration.ofMinutes(5));
    try (WssTestClient admin =
        WssTestClient.connect(gw.services(), gw.port(), "/api/v2/ws/portfolio?wallet=" + theirs, adminToken)) {
      JsonObject state = admin.next(WAIT);
      assertThat(state.getString("type")).isEqualTo("PORTFOLIO_UPDATED");
      assertThat(state.getString("timestamp")).isNotBlank();
      assertThat(state.getJsonObject("data").getDouble("total_value")).isEqualTo(32500.0);
    }
    try (WssTestClient owner = WssTestClient.connect(gw.services(), gw.port(), "/api/v2/ws/portfolio", token(theirs))) {
      assertThat(owner.next(WAIT).getLong("seq")).isEqualTo(3);
      gw.publish(
          new StreamEvent(StreamId.wallet(theirs), 4, new PortfolioUpdated(List.of(), 0.0, 0.0, WireTime.now())));
      assertThat(owner.next(WAIT).getLong("seq")).isEqualTo(4);
    }
  }

  @Test
  void marketSubscribersAreToldOnceWhenMarketDataBecomesUnavailable() {
    gw.publish(price("DOGE", 1, 0.2));
    try (WssTestClient client =
        WssTestClient.connect(gw.services(), gw.port(), "/api/v2/ws/market?symbols=DOGE", token("Wa11etMarket0000000000000006"))) {
      client.next(WAIT);
      gw.services().eventBus().publish(Addresses.MARKET_STATUS, new MarketAvailability(false, WireTime.now()));
      JsonObject error = client.next(WAIT);
      assertThat(error.getJsonObject("error").getString("code")).isEqualTo("MARKET_DATA_UNAVAILABLE");
      gw.services().eventBus().publish(Addresses.MARKET_STATUS, new MarketAvailability(true, WireTime.now()));
      gw.publish(price("DOGE", 2, 0.21));
      assertThat(client.next(WAIT).getLong("seq")).as("no further error; data flows again").isEqualTo(2);
    }
  }
}
