package com.degenduel.realtime.node.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.degenduel.realtime.codec.bus.EventBusCodecs;
import com.degenduel.realtime.codec.message.portfolio.TradeExecuted;
import com.degenduel.realtime.codec.stream.StreamKind;
import com.degenduel.realtime.codec.wire.WireTime;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.node.ingest.FactError;
import com.degenduel.realtime.node.management.NodeMetrics;
import com.degenduel.realtime.testkit.FreePorts;
import com.degenduel.realtime.testkit.TestCluster;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Facts one service's stream hands on to another service's stream, as a contest trade reaches the
 * trader's wallet: two toy services, each a real stream cluster on loopback, whose members share
 * a Vert.x instance per node as a contest and a portfolio replica would share an event bus.
 */
class ForwardsTest {
  private static final String SENDER = "toy-sender";
  private static final String RECEIVER = "toy-receiver";

  private final List<Integer> senderPorts = List.of(FreePorts.next(), FreePorts.next());
  private final List<Integer> receiverPorts = List.of(FreePorts.next(), FreePorts.next());
  private final List<Vertx> nodes = new ArrayList<>();
  private final List<HazelcastInstance> senderMembers = new ArrayList<>();
  private final List<HazelcastInstance> receiverMembers = new ArrayList<>();
  private final List<OwnedStreams<Double>> senders = new ArrayList<>();
  private final List<OwnedStreams<Double>> receivers = new ArrayList<>();
  /** What the receivers' reader does: take facts, or refuse them for now or for good. */
  private final AtomicBoolean unavailable = new AtomicBoolean();
  private final AtomicBoolean refuseForGood = new AtomicBoolean();
  private final AtomicInteger offered = new AtomicInteger();

  /**
   * Adds its amount to its own stream and hands the same amount on to the receiver's stream {@code
   * to}, as {@code copies} facts of their own.
   */
  public static final class AddAndHandOn extends FactStep<Double> {
    private String id;
    private double amount;
    private String to;
    private int copies;

    public AddAndHandOn() {}

    AddAndHandOn(String id, double amount, String to) {
      this(id, amount, to, 1);
    }

    AddAndHandOn(String id, double amount, String to, int copies) {
      super(id, Fingerprint.start().add(id).add(amount).add(to).add(copies).value());
      this.id = id;
      this.amount = amount;
      this.to = to;
      this.copies = copies;
    }

    @Override
    protected Double initialState(String key) {
      return 0.0;
    }

    @Override
    protected Change<Double> apply(String key, Double total) {
      List<Forward> forwards = new ArrayList<>();
      for (int i = 0; i < copies; i++) {
        forwards.add(new Forward(StreamKind.CONTEST, new JsonObject().put("id", id + "-" + i).put("key", to).put("amount", amount)));
      }
      return new Change<>(total + amount, List.of(new TradeExecuted("t", key, "BTC", amount, 1, WireTime.now(), null)), forwards);
    }

    @Override
    protected void writeFact(ObjectDataOutput out) throws IOException {
      out.writeString(id);
      out.writeDouble(amount);
      out.writeString(to);
      out.writeInt(copies);
    }

    @Override
    protected void readFact(ObjectDataInput in) throws IOException {
      id = in.readString();
      amount = in.readDouble();
      to = in.readString();
      copies = in.readInt();
    }
  }

  @AfterEach
  void stop() {
    senderMembers.forEach(m -> m.getLifecycleService().terminate());
    receiverMembers.forEach(m -> m.getLifecycleService().terminate());
    nodes.forEach(v -> TestCluster.await(v.close()));
  }

  @Test
  void aForwardReachesTheOtherStreamOnceAlsoWhenItsSenderDiesBeforeItWasTaken() {
    startNode(0);
    startNode(1);
    unavailable.set(true);

    FactOutcome outcome = TestCluster.await(senders.get(0).apply("handing", new AddAndHandOn("f1", 5, "receiving")));
    assertThat(outcome.result()).as("acknowledged after the sender's own step").isEqualTo(FactOutcome.Result.APPLIED);
    await().atMost(Duration.ofSeconds(10)).until(() -> offered.get() >= 2);
    assertThat(TestCluster.await(receivers.get(0).view("receiving")).epoch()).as("nothing taken yet").isNull();

    int owner = senderMembers.get(0).getPartitionService().getPartition("handing").getOwner().localMember() ? 0 : 1;
    senderMembers.get(owner).getLifecycleService().terminate();
    unavailable.set(false);

    OwnedStreams<Double> survivor = senders.get(1 - owner);
    OwnedStreams<Double> receiver = receivers.get(1 - owner);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      StreamView taken = TestCluster.await(receiver.view("receiving"));
      assertThat(taken.state()).as("the amount handed on, applied once").isEqualTo(5.0);
      assertThat(taken.seq()).as("one event").isEqualTo(1);
    });
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(TestCluster.await(survivor.view("handing")).forwards()).as("delivered and marked").isEmpty());
    assertThat(TestCluster.await(survivor.view("handing")).state()).as("the sender's own fact survived").isEqualTo(5.0);
  }

  @Test
  void aForwardTheReceiverRefusesForGoodIsCountedAndNotSentAgain() {
    startNode(0);
    refuseForGood.set(true);

    TestCluster.await(senders.get(0).apply("handing", new AddAndHandOn("f1", 5, "receiving")));

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(NodeMetrics.of(nodes.get(0)).registry().get("dd_streams_forwards_refused").tag("kind", "wallet").counter().count())
          .isEqualTo(1.0);
      assertThat(TestCluster.await(senders.get(0).view("handing")).forwards()).as("marked, not kept for ever").isEmpty();
    });
    assertThat(offered.get()).as("offered once").isEqualTo(1);
  }

  @Test
  void aFactIsRefusedAsUnavailableWhileItsStreamHoldsAFullOutboxOfForwards() {
    startNode(0);
    unavailable.set(true);
    FactStep<Double> filling = new AddAndHandOn("f1", 1, "receiving", FactStep.MAX_PENDING_FORWARDS);
    assertThat(TestCluster.await(senders.get(0).apply("full", filling)).result()).isEqualTo(FactOutcome.Result.APPLIED);

    FactOutcome refused = TestCluster.await(senders.get(0).apply("full", new AddAndHandOn("f2", 1, "receiving")));
    assertThat(refused.result()).isEqualTo(FactOutcome.Result.REFUSED);
    assertThat(refused.rejection().error()).isEqualTo(FactError.SERVICE_UNAVAILABLE);
    assertThat(TestCluster.await(senders.get(0).view("full")).state()).as("the refused fact changed nothing").isEqualTo(1.0);
  }

  /** One node: a member of each service, on one Vert.x; the receiver takes what the sender hands on. */
  private void startNode(int index) {
    Vertx vertx = Vertx.vertx();
    EventBusCodecs.registerAll(vertx.eventBus());
    nodes.add(vertx);
    senders.add(start(vertx, SENDER, senderPorts, index, StreamKind.WALLET, senderMembers));
    OwnedStreams<Double> receiver = start(vertx, RECEIVER, receiverPorts, index, StreamKind.CONTEST, receiverMembers);
    receivers.add(receiver);
    Promise<Void> accepting = Promise.promise();
    vertx.runOnContext(v -> receiver.acceptForwarded(fact -> {
      offered.incrementAndGet();
      if (refuseForGood.get()) {
        throw FactError.INVALID_FACT.reject("this receiver takes nothing");
      }
      if (unavailable.get()) {
        throw FactError.SERVICE_UNAVAILABLE.reject("not now");
      }
      return new ForwardedFact<>(fact.getString("key"), new OwnedStreamsTest.Add(fact.getString("id"), fact.getDouble("amount")));
    }).onComplete(accepting));
    TestCluster.await(accepting.future());
  }

  private static OwnedStreams<Double> start(
      Vertx vertx, String service, List<Integer> ports, int index, StreamKind kind, List<HazelcastInstance> members) {
    NodeConfig config = NodeConfig.defaults()
        .with(Setting.STREAMS_PORT, ports.get(index))
        .with(Setting.STREAMS_MEMBERS, ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(",")));
    HazelcastInstance member = TestCluster.await(StreamCluster.join(vertx, config, service));
    members.add(member);
    Promise<OwnedStreams<Double>> started = Promise.promise();
    vertx.runOnContext(v -> OwnedStreams.start(vertx, member, StreamCluster.mapName(service), kind, new OwnedStreamsTest.Totals(),
        OwnedStreamsTest.HISTORY).onComplete(started));
    return TestCluster.await(started.future());
  }
}
