package com.degenduel.realtime.simulator.market;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.degenduel.realtime.codec.message.market.MarketAvailability;
import com.degenduel.realtime.codec.message.market.MarketPrice;
import com.degenduel.realtime.codec.stream.Addresses;
import com.degenduel.realtime.codec.stream.SnapshotRequest;
import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.codec.stream.StreamEvent;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.codec.stream.StreamKind;
import com.degenduel.realtime.codec.stream.StreamSnapshot;
import com.degenduel.realtime.market.MarketRole;
import com.degenduel.realtime.market.breaker.SourceBreaker;
import com.degenduel.realtime.node.auth.Role;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.simulator.SimulatorRole;
import com.degenduel.realtime.testkit.FreePorts;
import com.degenduel.realtime.testkit.TestCluster;
import com.degenduel.realtime.testkit.TestTokens;
import com.degenduel.realtime.codec.wire.StreamFrame;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * The market service polls the simulator's exchange over real HTTP with the {@code binance-rest}
 * adapter; the exchange is made to fail, and member 1 of the cluster watches the availability.
 */
class MarketBreakerTest {
  private static final StreamId BTC = StreamId.market("BTC");

  private static TestCluster cluster;
  private static WebClient http;
  private static String exchange;
  private static final LinkedBlockingQueue<MarketAvailability> availability = new LinkedBlockingQueue<>();
  private static final LinkedBlockingQueue<StreamEvent> prices = new LinkedBlockingQueue<>();
  private static final ListAppender<ILoggingEvent> breakerLog = new ListAppender<>();

  @BeforeAll
  static void start() {
    int port = FreePorts.next();
    exchange = "http://127.0.0.1:" + port;
    NodeConfig base =
        NodeConfig.defaults()
            .with(Setting.MARKET_SYMBOLS, "BTC,ETH")
            .with(Setting.SIM_HTTP_PORT, port)
            .with(Setting.SIM_USERS, 0)
            .with(Setting.SIM_TICKS_PER_SECOND, 50)
            .with(Setting.MARKET_SOURCE, "binance-rest")
            .with(Setting.MARKET_SOURCE_URL, exchange)
            .with(Setting.MARKET_POLL_INTERVAL_MS, 100)
            .with(Setting.MARKET_SOURCE_TIMEOUT_MS, 1000)
            .with(Setting.BREAKER_MAX_FAILURES, 3)
            .with(Setting.BREAKER_RESET_TIMEOUT_MS, 700);
    breakerLog.start();
    ((Logger) LoggerFactory.getLogger(SourceBreaker.class)).addAppender(breakerLog);
    cluster = TestCluster.start(2, base);
    TestCluster.await(
        cluster.node(1).eventBus().<MarketAvailability>consumer(Addresses.MARKET_STATUS, m -> availability.add(m.body())).completion());
    TestCluster.await(
        cluster.node(1).eventBus().<StreamFrame>consumer(BTC.address(), m -> {
          if (m.body().type() == MessageType.MARKET_PRICE) {
            prices.add(m.body().decode());
          }
        }).completion());
    TestCluster.await(new SimulatorRole().deploy(cluster.node(0), cluster.configFor(0)));
    TestCluster.await(new MarketRole().deploy(cluster.node(0), cluster.configFor(0)));
    http = WebClient.create(cluster.node(1));
  }

  @AfterAll
  static void stop() {
    ((Logger) LoggerFactory.getLogger(SourceBreaker.class)).detachAppender(breakerLog);
    cluster.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"errors", "stall", "garbage"})
  void aFailingExchangeOpensTheBreakerLastPricesStayAndAHealedOneClosesIt(String fault) throws Exception {
    StreamEvent before = nextPrice();
    availability.clear();
    breakerLog.list.clear();

    faults(fault);
    MarketAvailability down = nextAvailability();
    assertThat(down.available()).isFalse();
    assertThat(breakerLog.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("OPEN"));

    StreamSnapshot snapshot =
        TestCluster.await(
                cluster.node(1).eventBus().<StreamSnapshot>request(Addresses.snapshot(StreamKind.MARKET), new SnapshotRequest(BTC)))
            .body();
    assertThat(snapshot.events()).hasSize(1);
    assertThat(snapshot.events().get(0).seq()).isGreaterThanOrEqualTo(before.seq());

    faults("none");
    MarketAvailability up = nextAvailabilityMatching(true);
    assertThat(up.since()).isAfterOrEqualTo(down.since());
    assertThat(breakerLog.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("HALF-OPEN"));
    assertThat(breakerLog.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("CLOSED"));
    prices.clear();
    assertThat(nextPrice().seq()).as("prices flow again after recovery").isGreaterThan(snapshot.events().get(0).seq());
  }

  private static void faults(String mode) {
    String admin = TestTokens.issue(cluster.node(1), "QaAdmin", Role.ADMIN, Duration.ofMinutes(5));
    int status =
        TestCluster.await(
                http.postAbs(exchange + "/sim/market/faults")
                    .putHeader("Authorization", "Bearer " + admin)
                    .sendBuffer(Buffer.buffer("{\"mode\":\"" + mode + "\"}")))
            .statusCode();
    assertThat(status).isEqualTo(200);
  }

  private static StreamEvent nextPrice() throws InterruptedException {
    StreamEvent e = prices.poll(10, TimeUnit.SECONDS);
    assertThat(e).as("a MARKET_PRICE within 10 s").isNotNull();
    return e;
  }

  private static MarketAvailability nextAvailability() throws InterruptedException {
    MarketAvailability a = availability.poll(10, TimeUnit.SECONDS);
    assertThat(a).as("a MarketAvailability within 10 s").isNotNull();
    return a;
  }

  private static MarketAvailability nextAvailabilityMatching(boolean available) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      MarketAvailability a = availability.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (a != null && a.available() == available) {
        return a;
      }
    }
    throw new AssertionError("no MarketAvailability(" + available + ") within 10 s");
  }
}
