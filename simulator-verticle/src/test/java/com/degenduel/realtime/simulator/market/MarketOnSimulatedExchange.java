package com.degenduel.realtime.simulator.market;

import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.codec.message.market.MarketAvailability;
import com.degenduel.realtime.codec.stream.Addresses;
import com.degenduel.realtime.codec.stream.StreamEvent;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.codec.wire.StreamBatch;
import com.degenduel.realtime.codec.wire.StreamFrame;
import com.degenduel.realtime.market.MarketRole;
import com.degenduel.realtime.node.auth.Role;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.simulator.SimulatorRole;
import com.degenduel.realtime.testkit.FreePorts;
import com.degenduel.realtime.testkit.TestCluster;
import com.degenduel.realtime.testkit.TestTokens;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A real two-member cluster: member 0 runs the simulator's exchange on a free loopback port and the
 * market service reading BTC and ETH from it through one adapter, with a breaker that opens after
 * three failures; member 1 hears the market's availability and BTC's MARKET_PRICE as a gateway
 * would, from before either service starts, and switches the exchange's faults as an admin.
 */
final class MarketOnSimulatedExchange implements AutoCloseable {
  static final StreamId BTC = StreamId.market("BTC");

  final TestCluster cluster;
  /** The simulated exchange's base URL. */
  final String exchange;
  /** A client on member 1. */
  final WebClient http;

  /**
   * {@code source}: the market's adapter; {@code settings}: what the test adds to the configuration of both members.
   */
  MarketOnSimulatedExchange(String source, UnaryOperator<NodeConfig> settings, Consumer<MarketAvailability> availability,
      Consumer<StreamEvent> prices) {
    int port = FreePorts.next();
    exchange = "http://127.0.0.1:" + port;
    cluster = TestCluster.start(2, settings.apply(NodeConfig.defaults()
        .with(Setting.MARKET_SYMBOLS, "BTC,ETH")
        .with(Setting.SIM_HTTP_PORT, port)
        .with(Setting.SIM_USERS, 0)
        .with(Setting.SIM_TICKS_PER_SECOND, 50)
        .with(Setting.MARKET_SOURCE, source)
        .with(Setting.MARKET_SOURCE_URL, exchange)
        .with(Setting.MARKET_SOURCE_TIMEOUT_MS, 1000)
        .with(Setting.BREAKER_MAX_FAILURES, 3)
        .with(Setting.BREAKER_RESET_TIMEOUT_MS, 700)));
    TestCluster.await(cluster.node(1).eventBus().<MarketAvailability>consumer(Addresses.MARKET_STATUS,
        m -> availability.accept(m.body())).completion());
    TestCluster.await(cluster.node(1).eventBus().<StreamBatch>consumer(BTC.address(), m -> {
      for (StreamFrame frame : m.body().frames()) {
        if (frame.type() == MessageType.MARKET_PRICE) {
          prices.accept(frame.decode());
        }
      }
    }).completion());
    http = WebClient.create(cluster.node(1));
  }

  void startSimulator() {
    TestCluster.await(new SimulatorRole().deploy(cluster.node(0), cluster.configFor(0)));
  }

  void startMarket() {
    TestCluster.await(new MarketRole().deploy(cluster.node(0), cluster.configFor(0)));
  }

  String admin() {
    return TestTokens.issue(cluster.node(1), "QaAdmin", Role.ADMIN, Duration.ofMinutes(5));
  }

  /** Switches the exchange's fault: errors, stall, garbage, or none. */
  void faults(String mode) {
    int status = TestCluster.await(http.postAbs(exchange + "/sim/market/faults").bearerTokenAuthentication(admin())
        .sendBuffer(Buffer.buffer("{\"mode\":\"" + mode + "\"}"))).statusCode();
    assertThat(status).isEqualTo(200);
  }

  @Override
  public void close() {
    cluster.close();
  }
}
