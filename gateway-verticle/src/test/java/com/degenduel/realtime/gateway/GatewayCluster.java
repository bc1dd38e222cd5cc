package com.degenduel.realtime.gateway;

import com.degenduel.realtime.codec.message.Delivery;
import com.degenduel.realtime.codec.stream.Addresses;
import com.degenduel.realtime.codec.stream.ResumeRequest;
import com.degenduel.realtime.codec.stream.SnapshotRequest;
import com.degenduel.realtime.codec.stream.StreamEvent;
import com.degenduel.realtime.codec.stream.StreamHistory;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.codec.stream.StreamKind;
import com.degenduel.realtime.codec.stream.StreamSnapshot;
import com.degenduel.realtime.gateway.demo.DemoPageFiles;
import com.degenduel.realtime.gateway.security.GatewayGuards;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.node.tls.ServerTls;
import com.degenduel.realtime.testkit.TestCluster;
import com.degenduel.realtime.testkit.TestTls;
import com.degenduel.realtime.codec.wire.StreamBatch;
import com.degenduel.realtime.codec.wire.StreamFrame;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * Gateways on the first members of a real cluster, and on the last member the publishing side:
 * the test publishes typed events there and answers snapshot and history requests from what it
 * published, as the owning services do. Every stream is in epoch {@link #EPOCH} as far as history
 * goes.
 */
final class GatewayCluster implements AutoCloseable {
  final TestCluster cluster;
  final List<GatewayVerticle> gateways = new ArrayList<>();
  final List<String> deployments = new ArrayList<>();
  final Map<StreamId, StreamEvent> latest = new ConcurrentHashMap<>();
  final Set<String> knownContests = ConcurrentHashMap.newKeySet();
  final Map<StreamId, List<StreamEvent>> events = new ConcurrentHashMap<>();
  static final String EPOCH = "test-epoch";

  GatewayCluster() {
    this(1, c -> c);
  }

  GatewayCluster(int gatewayCount, UnaryOperator<NodeConfig> settings) {
    cluster = TestCluster.start(gatewayCount + 1);
    for (int i = 0; i < gatewayCount; i++) {
      NodeConfig config = settings.apply(TestTls.serverConfig(cluster.configFor(i)).with(Setting.GATEWAY_PORT, 0));
      GatewayVerticle gateway =
          new GatewayVerticle(
              config,
              ServerTls.keyCert(config, Path.of("unused")),
              GatewayGuards.create(cluster.node(i), config),
              DemoPageFiles.NONE);
      deployments.add(TestCluster.await(cluster.node(i).deployVerticle(gateway)));
      gateways.add(gateway);
    }
    for (StreamKind kind : StreamKind.values()) {
      TestCluster.await(
          services()
              .eventBus()
              .<SnapshotRequest>consumer(
                  Addresses.snapshot(kind),
                  m -> {
                    StreamId id = m.body().stream();
                    if (kind == StreamKind.CONTEST && !knownContests.contains(id.key())) {
                      m.fail(404, "CONTEST_NOT_FOUND");
                      return;
                    }
                    StreamEvent last = latest.get(id);
                    m.reply(new StreamSnapshot(last == null ? List.of() : List.of(last)));
                  })
              .completion());
      TestCluster.await(
          services()
              .eventBus()
              .<ResumeRequest>consumer(
                  Addresses.history(kind),
                  m -> {
                    ResumeRequest asked = m.body();
                    if (!EPOCH.equals(asked.epoch())) {
                      m.reply(StreamHistory.notRecovered());
                      return;
                    }
                    m.reply(new StreamHistory(true, events.getOrDefault(asked.stream(), List.of()).stream()
                        .filter(e -> e.seq() > asked.since())
                        .map(e -> new StreamEvent(e.stream(), e.seq(), e.payload(), EPOCH))
                        .toList()));
                  })
              .completion());
    }
  }

  Vertx services() {
    return cluster.node(gateways.size());
  }

  int port() {
    return port(0);
  }

  int port(int gateway) {
    return gateways.get(gateway).port();
  }

  void publish(StreamEvent event) {
    publishTogether(List.of(event));
  }

  /** Publishes events of one stream as one bus message, as a service does with what one trade produced. */
  void publishTogether(List<StreamEvent> batch) {
    for (StreamEvent event : batch) {
      if (event.payload().type().delivery() == Delivery.EVENT) {
        events.computeIfAbsent(event.stream(), s -> new CopyOnWriteArrayList<>()).add(event);
      } else {
        latest.put(event.stream(), event);
      }
    }
    services().eventBus().publish(batch.get(0).address(), new StreamBatch(batch.stream().map(StreamFrame::of).toList()));
  }

  @Override
  public void close() {
    cluster.close();
  }
}
