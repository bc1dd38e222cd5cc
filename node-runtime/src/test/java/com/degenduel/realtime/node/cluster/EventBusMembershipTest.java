package com.degenduel.realtime.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.testkit.FreePorts;
import com.degenduel.realtime.testkit.TestCluster;
import com.degenduel.realtime.testkit.TestTls;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Members trust only members. An outsider that has the cluster's addresses and ports, and even
 * joins Hazelcast (which has no member authentication in its community edition), cannot deliver a
 * message to a service's address over the event bus: the member's listener refuses its TLS
 * handshake. Nor does a member hand a message to an outsider that registered a consumer. A real
 * member, with the cluster's certificate, delivers.
 */
class EventBusMembershipTest {
  private static final String INTERNAL_ADDRESS = "dd.test.internal";
  private static final DeliveryOptions SHORT = new DeliveryOptions().setSendTimeout(3_000);

  private static TestCluster cluster;
  private static final List<String> received = new CopyOnWriteArrayList<>();

  /** What an outsider brings to the event bus. */
  enum Outsider {
    /** Plain TCP, as the event bus was before. */
    NO_TLS(bus -> {}),
    /** TLS with a certificate of its own, trusting any server. */
    FOREIGN_CERTIFICATE(bus -> bus.setSsl(true).setTrustAll(true).setKeyCertOptions(
        new PfxOptions().setPath(TestTls.certificate().keystore().toString()).setPassword(TestTls.certificate().password()))),
    /** TLS trusting the cluster's CA (which is no secret), but with no certificate of its own. */
    NO_CERTIFICATE(bus -> bus.setSsl(true).setTrustAll(false)
        .setTrustOptions(new PemTrustOptions().addCertPath(TestTls.member().authority().toString())));

    private final Consumer<EventBusOptions> tls;

    Outsider(Consumer<EventBusOptions> tls) {
      this.tls = tls;
    }
  }

  @BeforeAll
  static void startCluster() {
    cluster = TestCluster.start(2);
    Vertx member = cluster.node(0);
    TestCluster.await(member.eventBus().<String>consumer(INTERNAL_ADDRESS, m -> {
      received.add(m.body());
      m.reply("delivered");
    }).completion());
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @ParameterizedTest
  @EnumSource(Outsider.class)
  void anOutsiderThatJoinedHazelcastCannotDeliverToAServiceAddress(Outsider kind) {
    Vertx outsider = join(kind);
    try {
      String body = "from outsider " + kind;
      Throwable refused = failureOnceTheAddressIsKnown(outsider, INTERNAL_ADDRESS, body);

      assertThat(refused).as("the request fails for want of a handshake, not of a consumer").isNotNull();
      assertThat(received).as("what the member's consumer received").doesNotContain(body);
    } finally {
      TestCluster.await(outsider.close());
    }
  }

  @Test
  void aMemberDeliversAcrossTheEventBus() {
    String body = "from member 1";
    Message<Object> reply = TestCluster.await(cluster.node(1).eventBus().request(INTERNAL_ADDRESS, body, SHORT));

    assertThat(reply.body()).isEqualTo("delivered");
    assertThat(received).contains(body);
  }

  @Test
  void aMemberHandsNothingToAnOutsidersConsumer() {
    Vertx outsider = join(Outsider.FOREIGN_CERTIFICATE);
    try {
      List<String> stolen = new CopyOnWriteArrayList<>();
      String inbox = "dd.test.outsider-inbox";
      TestCluster.await(outsider.eventBus().<String>consumer(inbox, m -> stolen.add(m.body())).completion());

      Throwable refused = failureOnceTheAddressIsKnown(cluster.node(0), inbox, "holdings");

      assertThat(refused).as("the member refuses the outsider's certificate").isNotNull();
      assertThat(stolen).isEmpty();
    } finally {
      TestCluster.await(outsider.close());
    }
  }

  /**
   * A clustered Vert.x that joins the node cluster's Hazelcast, as any process that reaches its
   * port can, with its event bus on loopback and the TLS (or none) of {@code kind}.
   */
  private static Vertx join(Outsider kind) {
    NodeConfig config = NodeConfig.defaults().with(Setting.EVENTBUS_HOST, "127.0.0.1");
    List<String> members = IntStream.range(0, 2).mapToObj(i -> "127.0.0.1:" + cluster.hazelcastPort(i)).toList();
    VertxOptions options = new VertxOptions();
    options.getEventBusOptions().setHost("127.0.0.1").setPort(FreePorts.next());
    kind.tls.accept(options.getEventBusOptions());
    HazelcastClusterManager hazelcast = new HazelcastClusterManager(ClusterNode.hazelcastConfig(config, FreePorts.next(), members));
    Vertx outsider = TestCluster.await(Vertx.builder().with(options).withClusterManager(hazelcast).buildClustered());
    assertThat(hazelcast.getNodes()).as("the outsider is in the Hazelcast cluster").hasSizeGreaterThanOrEqualTo(3);
    return outsider;
  }

  /**
   * Requests {@code address} from {@code sender} until the sender knows a consumer of it (a request
   * that fails for want of one is tried again), and returns how that request failed, or null if it
   * was answered.
   */
  private static Throwable failureOnceTheAddressIsKnown(Vertx sender, String address, String body) {
    AtomicReference<Throwable> outcome = new AtomicReference<>();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
      Future<Message<Object>> request = sender.eventBus().request(address, body, SHORT);
      try {
        request.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        outcome.set(null);
        return true;
      } catch (java.util.concurrent.ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS) {
          return false;
        }
        outcome.set(cause);
        return true;
      }
    });
    return outcome.get();
  }
}
