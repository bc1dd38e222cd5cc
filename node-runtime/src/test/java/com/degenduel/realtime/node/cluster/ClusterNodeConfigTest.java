package com.degenduel.realtime.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Hazelcast configuration each discovery mode produces from the shipped cluster.xml. */
class ClusterNodeConfigTest {

  @Test
  void tcpIpIsTheDefaultAndJoinsTheConfiguredMemberList() {
    NodeConfig config = NodeConfig.from(
        Map.of("DD_CLUSTER_MEMBERS", "10.0.0.1:5701, 10.0.0.2:5701"), List.of("--cluster-port", "5801"));

    Config hazelcast = ClusterNode.hazelcastConfig(config);

    JoinConfig join = hazelcast.getNetworkConfig().getJoin();
    assertThat(hazelcast.getNetworkConfig().getPort()).isEqualTo(5801);
    assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
    assertThat(join.getTcpIpConfig().getMembers()).containsExactly("10.0.0.1:5701", "10.0.0.2:5701");
    assertThat(join.getKubernetesConfig().isEnabled()).isFalse();
    assertThat(join.getMulticastConfig().isEnabled()).isFalse();
    assertThat(hazelcast.getClusterName()).isEqualTo("degenduel");
  }

  @Test
  void kubernetesLooksUpTheHeadlessServiceAndNothingElse() {
    NodeConfig config = NodeConfig.from(
        Map.of("DD_CLUSTER_DISCOVERY", "kubernetes",
            "DD_KUBERNETES_SERVICE_DNS", "degenduel-hazelcast.prod.svc.cluster.local"),
        List.of());

    Config hazelcast = ClusterNode.hazelcastConfig(config);

    JoinConfig join = hazelcast.getNetworkConfig().getJoin();
    assertThat(join.getKubernetesConfig().isEnabled()).isTrue();
    assertThat(join.getKubernetesConfig().getProperty("service-dns")).isEqualTo("degenduel-hazelcast.prod.svc.cluster.local");
    assertThat(join.getKubernetesConfig().getProperty("service-port")).isEqualTo("5701");
    assertThat(join.getTcpIpConfig().isEnabled()).isFalse();
    assertThat(join.getMulticastConfig().isEnabled()).isFalse();
    assertThat(join.getAutoDetectionConfig().isEnabled()).isFalse();
    assertThat(hazelcast.getNetworkConfig().isPortAutoIncrement()).isFalse();
    assertThat(hazelcast.getMapConfig("dd.holdings").getBackupCount()).as("cluster.xml still applies").isEqualTo(2);
    // Hazelcast itself accepts the result: exactly one join method is enabled.
    join.verify();
  }

  @Test
  void hazelcastListensOnTheEventBusInterfaceUnlessGivenItsOwn() {
    Config byDefault = ClusterNode.hazelcastConfig(NodeConfig.defaults());
    Config podIp = ClusterNode.hazelcastConfig(NodeConfig.defaults().with(Setting.EVENTBUS_HOST, "10.1.2.3"));
    Config own = ClusterNode.hazelcastConfig(
        NodeConfig.defaults().with(Setting.EVENTBUS_HOST, "10.1.2.3").with(Setting.CLUSTER_HOST, "10.9.8.7"));

    assertThat(byDefault.getNetworkConfig().getInterfaces().isEnabled()).isTrue();
    assertThat(byDefault.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("127.0.0.1");
    assertThat(byDefault.getProperty("hazelcast.socket.bind.any")).as("not on 0.0.0.0").isEqualTo("false");
    assertThat(podIp.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("10.1.2.3");
    assertThat(own.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("10.9.8.7");
  }

  @Test
  void theWildcardAddressBindsEveryInterface() {
    Config hazelcast = ClusterNode.hazelcastConfig(NodeConfig.defaults().with(Setting.CLUSTER_HOST, "0.0.0.0"));

    assertThat(hazelcast.getNetworkConfig().getInterfaces().isEnabled()).isFalse();
    assertThat(hazelcast.getProperty("hazelcast.socket.bind.any")).isNull();
  }

  @Test
  void kubernetesWithoutAServiceNameIsRefusedWithTheSettingToFix() {
    NodeConfig config = NodeConfig.defaults().with(Setting.CLUSTER_DISCOVERY, "kubernetes");

    assertThatThrownBy(() -> ClusterNode.hazelcastConfig(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DD_KUBERNETES_SERVICE_DNS");
  }

  @Test
  void anUnknownDiscoveryIsRefused() {
    NodeConfig config = NodeConfig.defaults().with(Setting.CLUSTER_DISCOVERY, "multicast");

    assertThatThrownBy(() -> ClusterNode.hazelcastConfig(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DD_CLUSTER_DISCOVERY must be tcp-ip or kubernetes");
  }
}
