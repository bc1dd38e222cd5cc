package com.degenduel.realtime.gateway;

import com.degenduel.realtime.codec.stream.Addresses;
import com.degenduel.realtime.codec.stream.SnapshotRequest;
import com.degenduel.realtime.codec.stream.StreamEvent;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.codec.stream.StreamKind;
import com.degenduel.realtime.codec.stream.StreamSnapshot;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.node.tls.ServerTls;
import com.degenduel.realtime.testkit.TestCluster;
import com.degenduel.realtime.testkit.TestTls;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A gateway on member 0 of a real two-member cluster, and on member 1 the publishing side: the
 * test publishes typed events there and answers snapshot requests from what it published, as the
 * owning services do.
 */
final class GatewayCluster implements AutoCloseable {
  final TestCluster cluster;
  final GatewayVerticle gateway;
  final Map<StreamId, StreamEvent> latest = new ConcurrentHashMap<>();
  final java.util.Set<String> knownContests = ConcurrentHashMap.newKeySet();

  GatewayCluster() {
    cluster = TestCluster.start(2);
    NodeConfig config = TestTls.serverConfig(cluster.configFor(0)).with(Setting.GATEWAY_PORT, 0);
    gateway = new GatewayVerticle(config, ServerTls.keyCert(config, Path.of("unused")));
    TestCluster.await(cluster.node(0).deployVerticle(gateway));
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
    }
  }

  Vertx services() {
    return cluster.node(1);
  }

  int port() {
    return gateway.port();
  }

  void publish(StreamEvent event) {
    latest.put(event.stream(), event);
    services().eventBus().publish(event.address(), event);
  }

  @Override
  public void close() {
    cluster.close();
  }
}
