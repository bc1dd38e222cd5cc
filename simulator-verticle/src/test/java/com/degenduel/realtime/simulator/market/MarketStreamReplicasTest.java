package com.degenduel.realtime.simulator.market;

import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.market.MarketRole;
import com.degenduel.realtime.node.auth.Role;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.node.management.NodeMetrics;
import com.degenduel.realtime.simulator.SimulatorRole;
import com.degenduel.realtime.testkit.FreePorts;
import com.degenduel.realtime.testkit.TestCluster;
import com.degenduel.realtime.testkit.TestTokens;
import com.degenduel.realtime.codec.wire.StreamBatch;
import com.degenduel.realtime.codec.wire.StreamFrame;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Two market replicas read the simulator's WebSocket stream: each one's connection carries exactly
 * the symbols its replica owns, and when one replica's stream member crashes the survivor
 * subscribes to the symbols it takes over on its live connection, while the other replica, owning
 * nothing, closes its connection. The simulator's list of open connections tells what each carries.
 */
class MarketStreamReplicasTest {
  private static final List<String> SYMBOLS = List.of("BTC", "ETH", "SOL", "BNB", "XRP", "ADA", "DOGE", "AVAX", "DOT", "LINK");

  @Test
  void eachReplicasConnectionCarriesTheSymbolsItOwnsAndFollowsATakeover() {
    int port = FreePorts.next();
    String exchange = "http://127.0.0.1:" + port;
    NodeConfig base =
        NodeConfig.defaults()
            .with(Setting.MARKET_SOURCE, "binance")
            .with(Setting.MARKET_SOURCE_URL, exchange)
            .with(Setting.MARKET_SYMBOLS, String.join(",", SYMBOLS))
            .with(Setting.SIM_HTTP_PORT, port)
            .with(Setting.SIM_USERS, 0)
            .with(Setting.SIM_TICKS_PER_SECOND, 20);
    try (TestCluster cluster = TestCluster.start(3, base)) {
      Vertx listener = cluster.node(2);
      WebClient http = WebClient.create(listener);
      String admin = TestTokens.issue(listener, "QaAdmin", Role.ADMIN, Duration.ofMinutes(5));
      Map<String, Long> lastPriceSeq = new ConcurrentHashMap<>();
      for (String symbol : SYMBOLS) {
        TestCluster.await(listener.eventBus().<StreamBatch>consumer(StreamId.market(symbol).address(), m -> {
          for (StreamFrame frame : m.body().frames()) {
            if (frame.type() == MessageType.MARKET_PRICE) {
              lastPriceSeq.merge(symbol, frame.seq(), Math::max);
            }
          }
        }).completion());
      }
      TestCluster.await(new SimulatorRole().deploy(listener, cluster.configFor(2)));
      TestCluster.await(new MarketRole().deploy(cluster.node(0), cluster.configFor(0)));
      TestCluster.await(new MarketRole().deploy(cluster.node(1), cluster.configFor(1)));

      Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        List<Set<String>> carried = connections(http, exchange, admin);
        assertThat(carried).as("one connection per replica").hasSize(2);
        Set<String> all = new HashSet<>();
        carried.forEach(all::addAll);
        assertThat(all).as("every symbol carried").containsExactlyInAnyOrderElementsOf(SYMBOLS);
        assertThat(carried.get(0).size() + carried.get(1).size()).as("no symbol carried twice").isEqualTo(SYMBOLS.size());
        assertThat(carried).extracting(Set::size)
            .as("each connection carries what one replica publishes")
            .containsExactlyInAnyOrder((int) published(cluster.node(0)), (int) published(cluster.node(1)));
        assertThat(lastPriceSeq.keySet()).containsExactlyInAnyOrderElementsOf(SYMBOLS);
      });

      cluster.crashStreamMember(0);
      Map<String, Long> beforeTakeover = Map.copyOf(lastPriceSeq);
      Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        assertThat(published(cluster.node(1))).as("the survivor publishes every symbol").isEqualTo(SYMBOLS.size());
        assertThat(connections(http, exchange, admin))
            .as("the survivor's connection carries every symbol; the other, owning none, has closed")
            .containsExactly(Set.copyOf(SYMBOLS));
        for (String symbol : SYMBOLS) {
          assertThat(lastPriceSeq.get(symbol)).as("%s flows again", symbol).isGreaterThan(beforeTakeover.get(symbol));
        }
      });
    }
  }

  /** Our symbols carried by each open connection of the simulator's stream. */
  private static List<Set<String>> connections(WebClient http, String exchange, String admin) {
    JsonObject answer =
        TestCluster.await(http.getAbs(exchange + "/sim/market/stream").bearerTokenAuthentication(admin).send()).bodyAsJsonObject();
    List<Set<String>> carried = new ArrayList<>();
    for (Object connection : answer.getJsonArray("connections")) {
      Set<String> symbols = new HashSet<>();
      for (Object stream : ((JsonObject) connection).getJsonArray("streams", new JsonArray())) {
        symbols.add(((String) stream).replace("usdt@trade", "").toUpperCase(Locale.ROOT));
      }
      carried.add(symbols);
    }
    return carried;
  }

  /** How many market streams the replica on this node publishes. */
  private static double published(Vertx node) {
    Gauge watched = NodeMetrics.of(node).registry().find("dd_streams_watched").tag("kind", "market").gauge();
    return watched == null ? 0 : watched.value();
  }
}
