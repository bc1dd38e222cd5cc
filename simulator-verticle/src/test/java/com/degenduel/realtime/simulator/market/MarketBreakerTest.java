package com.degenduel.realtime.simulator.market;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.degenduel.realtime.codec.message.market.MarketAvailability;
import com.degenduel.realtime.codec.stream.Addresses;
import com.degenduel.realtime.codec.stream.SnapshotRequest;
import com.degenduel.realtime.codec.stream.StreamEvent;
import com.degenduel.realtime.codec.stream.StreamKind;
import com.degenduel.realtime.codec.stream.StreamSnapshot;
import com.degenduel.realtime.market.breaker.SourceBreaker;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.testkit.TestCluster;
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
  private static final LinkedBlockingQueue<MarketAvailability> availability = new LinkedBlockingQueue<>();
  private static final LinkedBlockingQueue<StreamEvent> prices = new LinkedBlockingQueue<>();
  private static final ListAppender<ILoggingEvent> breakerLog = new ListAppender<>();
  private static MarketOnSimulatedExchange market;

  @BeforeAll
  static void start() {
    breakerLog.start();
    ((Logger) LoggerFactory.getLogger(SourceBreaker.class)).addAppender(breakerLog);
    market = new MarketOnSimulatedExchange("binance-rest", c -> c.with(Setting.MARKET_POLL_INTERVAL_MS, 100),
        availability::add, prices::add);
    market.startSimulator();
    market.startMarket();
  }

  @AfterAll
  static void stop() {
    ((Logger) LoggerFactory.getLogger(SourceBreaker.class)).detachAppender(breakerLog);
    market.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"errors", "stall", "garbage"})
  void aFailingExchangeOpensTheBreakerLastPricesStayAndAHealedOneClosesIt(String fault) throws Exception {
    StreamEvent before = nextPrice();
    availability.clear();
    breakerLog.list.clear();

    market.faults(fault);
    MarketAvailability down = nextAvailability();
    assertThat(down.available()).isFalse();
    assertThat(breakerLog.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("OPEN"));

    StreamSnapshot snapshot =
        TestCluster.await(
                market.cluster.node(1).eventBus().<StreamSnapshot>request(
                    Addresses.snapshot(StreamKind.MARKET), new SnapshotRequest(MarketOnSimulatedExchange.BTC)))
            .body();
    assertThat(snapshot.events()).hasSize(1);
    assertThat(snapshot.events().get(0).seq()).isGreaterThanOrEqualTo(before.seq());

    market.faults("none");
    MarketAvailability up = nextAvailabilityMatching(true);
    assertThat(up.since()).isAfterOrEqualTo(down.since());
    assertThat(breakerLog.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("HALF-OPEN"));
    assertThat(breakerLog.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("CLOSED"));
    prices.clear();
    assertThat(nextPrice().seq()).as("prices flow again after recovery").isGreaterThan(snapshot.events().get(0).seq());
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
