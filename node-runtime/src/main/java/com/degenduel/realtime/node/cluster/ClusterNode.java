package com.degenduel.realtime.node.cluster;

import com.degenduel.realtime.codec.bus.EventBusCodecs;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.node.management.NodeMetrics;
import com.hazelcast.config.ClasspathXmlConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.FileSystemXmlConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.TcpIpConfig;
import com.hazelcast.spi.properties.ClusterProperty;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * Starts the clustered Vert.x instance of one process: Hazelcast membership from cluster.xml with
 * the configured interface, port and member list applied on top, the event bus bound where
 * configured and speaking mutual TLS with the other members ({@link MemberTls}), and every
 * event-bus codec registered. Metrics are on, in a registry of the node's own ({@link
 * NodeMetrics#of}), so several nodes in one JVM never mix their numbers.
 */
public final class ClusterNode {
  private ClusterNode() {}

  public static Future<Vertx> start(NodeConfig config) {
    return start(config, new VertxOptions());
  }

  public static Future<Vertx> start(NodeConfig config, VertxOptions options) {
    HazelcastCompletions.install(ForkJoinPool.getCommonPoolParallelism());
    Config hazelcast = hazelcastConfig(config);
    EventBusOptions bus =
        options
            .getEventBusOptions()
            .setHost(config.get(Setting.EVENTBUS_HOST))
            .setPort(config.getInt(Setting.EVENTBUS_PORT));
    if (config.isSet(Setting.EVENTBUS_PUBLIC_HOST)) {
      bus.setClusterPublicHost(config.get(Setting.EVENTBUS_PUBLIC_HOST));
    }
    MemberTls.apply(config, bus);
    VertxBuilder builder = Vertx.builder();
    NodeMetrics metrics = NodeMetrics.install(builder, options);
    return builder
        .with(options)
        .withTransport(SocketTransport.of(config))
        .withClusterManager(new HazelcastClusterManager(hazelcast))
        .buildClustered()
        .map(
            vertx -> {
              metrics.attachTo(vertx);
              EventBusCodecs.registerAll(vertx.eventBus());
              return vertx;
            });
  }

  /**
   * cluster.xml with the configured port and discovery applied: the TCP-IP member list, or a DNS
   * lookup of a Kubernetes headless service (Hazelcast's built-in DNS mode, which needs no access
   * to the Kubernetes API), so one file serves bare metal and Kubernetes alike.
   */
  static Config hazelcastConfig(NodeConfig config) {
    return hazelcastConfig(config, config.getInt(Setting.CLUSTER_PORT), config.getList(Setting.CLUSTER_MEMBERS));
  }

  /**
   * cluster.xml with the interface, {@code port} and discovery applied; {@code members} is the
   * TCP-IP member list. Hazelcast's community edition has no member authentication: whoever
   * reaches its port may join, so it listens on the configured interface only, never on every
   * interface unless told to (and the network must keep non-members away from that port).
   * Resolves a host name, which may block.
   */
  public static Config hazelcastConfig(NodeConfig config, int port, List<String> members) {
    Config hazelcast = load(config.get(Setting.CLUSTER_CONFIG));
    hazelcast.getNetworkConfig().setPort(port);
    ClusterAddress.hazelcastInterface(config).ifPresent(address -> {
      hazelcast.getNetworkConfig().getInterfaces().setEnabled(true).setInterfaces(List.of(address));
      hazelcast.setProperty(ClusterProperty.SOCKET_BIND_ANY.getName(), "false");
    });
    JoinConfig join = hazelcast.getNetworkConfig().getJoin();
    switch (ClusterDiscovery.of(config)) {
      case TCP_IP -> {
        TcpIpConfig tcp = join.getTcpIpConfig();
        if (tcp.isEnabled()) {
          tcp.setMembers(members);
        }
      }
      case KUBERNETES -> {
        if (!config.isSet(Setting.KUBERNETES_SERVICE_DNS)) {
          throw new IllegalArgumentException(
              Setting.KUBERNETES_SERVICE_DNS.env() + " is required when " + Setting.CLUSTER_DISCOVERY.env() + " is kubernetes");
        }
        join.getTcpIpConfig().setEnabled(false);
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getKubernetesConfig()
            .setEnabled(true)
            .setProperty("service-dns", config.get(Setting.KUBERNETES_SERVICE_DNS).trim())
            .setProperty("service-port", String.valueOf(port));
        // Pods get new addresses when they are replaced; the port stays the same for all of them.
        hazelcast.getNetworkConfig().setPortAutoIncrement(false);
      }
    }
    return hazelcast;
  }

  private static Config load(String path) {
    if (path.isBlank()) {
      return new ClasspathXmlConfig("cluster.xml");
    }
    try {
      return new FileSystemXmlConfig(path);
    } catch (FileNotFoundException e) {
      throw new UncheckedIOException("cluster configuration not found: " + path, e);
    }
  }
}
