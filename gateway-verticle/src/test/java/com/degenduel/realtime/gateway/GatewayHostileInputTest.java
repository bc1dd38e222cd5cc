package com.degenduel.realtime.gateway;

import static com.degenduel.realtime.testkit.WssTestClient.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.codec.close.CloseCode;
import com.degenduel.realtime.codec.message.market.MarketPrice;
import com.degenduel.realtime.codec.message.portfolio.PortfolioUpdated;
import com.degenduel.realtime.codec.message.portfolio.TokenValue;
import com.degenduel.realtime.codec.message.portfolio.TradeExecuted;
import com.degenduel.realtime.codec.stream.StreamEvent;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.codec.wire.WireTime;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.testkit.TestCluster;
import com.degenduel.realtime.testkit.TestTokens;
import com.degenduel.realtime.testkit.WssTestClient;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.websocket.WebSocketFrameImpl;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile clients over real WSS. Each case gets its documented answer while a well-behaved client
 * on the same gateway keeps its stream.
 */
class GatewayHostileInputTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  /**
   * Answered on the gateway's member: one node sends to another over one connection, in order, so
   * the answer comes once everything published before the request has crossed.
   */
  private static final String CROSSED = "dd.test.crossed";
  private static GatewayCluster gw;
  private static WssTestClient bystander;
  private static long bystanderSeq;

  @BeforeAll
  static void start() {
    gw =
        new GatewayCluster(
            1,
            c ->
                c.with(Setting.MARKET_HEARTBEAT_INTERVAL_MS, 600_000)
                    .with(Setting.HEARTBEAT_INTERVAL_MS, 600_000)
                    .with(Setting.MESSAGES_PER_SECOND, 10)
                    .with(Setting.RATE_LIMIT_STRIKES, 3)
                    .with(Setting.HANDSHAKES_PER_IP_PER_MINUTE, 30)
                    .with(Setting.SLOW_CONSUMER_MAX_PENDING, 64)
                    .with(Setting.SLOW_CONSUMER_MAX_LAG_MS, 1500));
    TestCluster.await(gw.cluster.node(0).eventBus().consumer(CROSSED, m -> m.reply(m.body())).completion());
    bystander = WssTestClient.connect(gw.services(), gw.port(), "/api/v2/ws/market?symbols=ADA", token("Wa11etBystander00000000001"));
  }

  @AfterAll
  static void stop() {
    bystander.close();
    gw.close();
  }

  /** The well-behaved client still gets the next tick, promptly, after every hostile case. */
  private static void assertBystanderServed() {
    long seq = ++bystanderSeq;
    gw.publish(new StreamEvent(StreamId.market("ADA"), seq, new MarketPrice("ADA", 0.5 + seq, 1, 1, 1, 0, WireTime.now())));
    JsonObject next = bystander.nextMatching(m -> m.getLong("seq", 0L) == seq, Duration.ofSeconds(3));
    assertThat(next.getJsonObject("data").getDouble("price")).isEqualTo(0.5 + seq);
    assertThat(bystander.isClosed()).isFalse();
  }

  private static String token(String wallet) {
    return TestTokens.user(gw.services(), wallet);
  }

  private static WssTestClient market(String wallet) {
    return WssTestClient.connect(gw.services(), gw.port(), "/api/v2/ws/market?symbols=BTC", token(wallet));
  }

  private static String errorCode(JsonObject message) {
    assertThat(message.getString("type")).isEqualTo("ERROR");
    return message.getJsonObject("error").getString("code");
  }

  @Test
  void malformedUnknownAndWronglyTypedMessagesGetErrorsAndTheConnectionStays() {
    try (WssTestClient client = market("Wa11etHostile000000000001")) {
      client.send("{not json");
      assertThat(errorCode(client.nextMatching(ofType("ERROR"), WAIT))).isEqualTo("INVALID_MESSAGE");
      client.send("[1,2,3]");
      assertThat(errorCode(client.nextMatching(ofType("ERROR"), WAIT))).isEqualTo("INVALID_MESSAGE");
      client.send("{\"type\":\"<script>alert(1)</script>\"}");
      JsonObject unknown = client.nextMatching(ofType("ERROR"), WAIT);
      assertThat(errorCode(unknown)).isEqualTo("UNKNOWN_TYPE");
      assertThat(unknown.encode()).as("raw input is never echoed").doesNotContain("script");
      client.send("{\"type\":\"SUBSCRIBE\",\"symbols\":\"BTC\"}");
      assertThat(errorCode(client.nextMatching(ofType("ERROR"), WAIT))).isEqualTo("INVALID_MESSAGE");
      client.send("{\"type\":\"PING\",\"extra\":{\"a\":{\"b\":{\"c\":{\"d\":1}}}}}");
      JsonObject deep = client.nextMatching(ofType("ERROR"), WAIT);
      assertThat(errorCode(deep)).isEqualTo("INVALID_MESSAGE");
      assertThat(deep.getJsonObject("error").getString("message")).contains("nests deeper");
      assertThat(deep.getJsonObject("error").containsKey("stack")).isFalse();
      client.send("{\"type\":\"PING\"}");
      assertThat(client.nextMatching(ofType("PONG"), WAIT)).isNotNull();
      assertThat(client.isClosed()).isFalse();
    }
    assertBystanderServed();
  }

  @Test
  void oversizedFramesAreClosedWith1009() {
    try (WssTestClient client = market("Wa11etHostile000000000002")) {
      client.send("{\"type\":\"PING\",\"pad\":\"" + "x".repeat(20_000) + "\"}");
      assertThat(client.awaitClose(WAIT)).as("close code, reason %s", client.closeReason()).isEqualTo(CloseCode.MESSAGE_TOO_BIG.code());
    }
    assertBystanderServed();
  }

  @Test
  void binaryFramesAreRefusedWith1003() {
    try (WssTestClient client = market("Wa11etHostile000000000003")) {
      client.writeFrame(WebSocketFrame.binaryFrame(Buffer.buffer(new byte[] {1, 2, 3}), true));
      assertThat(errorCode(client.nextMatching(ofType("ERROR"), WAIT))).isEqualTo("INVALID_MESSAGE");
      assertThat(client.awaitClose(WAIT)).isEqualTo(CloseCode.UNSUPPORTED_DATA.code());
    }
    assertBystanderServed();
  }

  @Test
  void invalidUtf8IsClosedWith1007() {
    try (WssTestClient client = market("Wa11etHostile000000000004")) {
      byte[] invalid = {'{', '"', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
      client.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, invalid, true));
      assertThat(client.awaitClose(WAIT)).isEqualTo(CloseCode.INVALID_PAYLOAD.code());
    }
    assertBystanderServed();
  }

  @Test
  void aMessageFloodIsWarnedThenClosedWith1008() {
    try (WssTestClient client = market("Wa11etHostile000000000005")) {
      for (int i = 0; i < 40; i++) {
        client.socket().writeTextMessage("{\"type\":\"PING\"}");
      }
      assertThat(errorCode(client.nextMatching(ofType("ERROR"), WAIT))).isEqualTo("RATE_LIMITED");
      assertThat(client.awaitClose(WAIT)).isEqualTo(CloseCode.POLICY_VIOLATION.code());
    }
    assertBystanderServed();
  }

  @Test
  void aForeignOriginIsRefusedAtTheHandshake() throws Exception {
    Future<WssTestClient> attempt =
        WssTestClient.tryConnect(
            gw.services(),
            WssTestClient.clientOptions(),
            WssTestClient.options(gw.port(), "/api/v2/ws/market?symbols=BTC", token("Wa11etHostile000000000007"))
                .addHeader("Origin", "https://evil.example"));
    try {
      attempt.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      throw new AssertionError("a foreign origin was accepted");
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(UpgradeRejectedException.class);
      assertThat(((UpgradeRejectedException) e.getCause()).getStatus()).isEqualTo(403);
    }
    try (WssTestClient allowed =
        TestCluster.await(
            WssTestClient.tryConnect(
                gw.services(),
                WssTestClient.clientOptions(),
                WssTestClient.options(gw.port(), "/api/v2/ws/market?symbols=BTC", token("Wa11etHostile000000000007"))
                    .addHeader("Origin", "http://localhost:5173")))) {
      assertThat(allowed.isClosed()).isFalse();
    }
    assertBystanderServed();
  }

  @Test
  void aNonReadingClientIsConflatedThenClosedWithoutSlowingOthers() {
    String wallet = "Wa11etHostile000000000008";
    List<TokenValue> manyTokens = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      manyTokens.add(new TokenValue("TOK" + i, "Token number " + i, i, i * 10.0));
    }
    assertClosedAsSlowConsumer(
        wallet, seq -> new StreamEvent(StreamId.wallet(wallet), seq, new PortfolioUpdated(manyTokens, seq, 0, WireTime.now())));
  }

  @Test
  void aNonReadingClientThatFallsTooFarBehindOnEventsIsClosed() {
    String wallet = "Wa11etHostile000000000009";
    String padding = "t".repeat(4000);
    assertClosedAsSlowConsumer(
        wallet,
        seq ->
            new StreamEvent(
                StreamId.wallet(wallet), seq, new TradeExecuted(padding + seq, wallet, "BTC", 1, 100, WireTime.now(), null)));
  }

  /**
   * A client that stops reading cannot see its close frame, which waits behind the data it does not
   * read: so the test watches the gateway's connection count, then reads again to find the ERROR
   * and the close code the gateway queued for it.
   */
  private static void assertClosedAsSlowConsumer(String wallet, java.util.function.LongFunction<StreamEvent> event) {
    try (WssTestClient slow = WssTestClient.connect(gw.services(), gw.port(), "/api/v2/ws/portfolio", token(wallet))) {
      slow.send("{\"type\":\"PING\"}");
      slow.nextMatching(ofType("PONG"), WAIT);
      int before = TestCluster.await(gw.gateways.get(0).connectionCount());
      slow.pause();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      boolean closedByGateway = false;
      for (long seq = 1; !closedByGateway && System.nanoTime() < deadline; seq++) {
        gw.publish(event.apply(seq));
        if (seq % 10 == 0) {
          // Paced by the bus, not a flood of it: the next events go once these crossed to the gateway's member.
          TestCluster.await(gw.services().eventBus().request(CROSSED, seq));
        }
        if (seq % 200 == 0) {
          assertBystanderServed();
          closedByGateway = TestCluster.await(gw.gateways.get(0).connectionCount()) < before;
        }
      }
      assertThat(closedByGateway).as("the gateway closed the non-reading client").isTrue();
      slow.socket().resume();
      JsonObject error = slow.nextMatching(ofType("ERROR"), Duration.ofSeconds(20));
      assertThat(errorCode(error)).isEqualTo("SLOW_CONSUMER");
      assertThat(slow.awaitClose(Duration.ofSeconds(15))).isEqualTo(CloseCode.SLOW_CONSUMER.code());
    }
    assertBystanderServed();
  }
}
