package com.degenduel.realtime.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Members trust only members: every pod holds the event bus's member certificate from a Secret,
 * and NetworkPolicies open each port of each pod to exactly the peers that need it.
 */
class ClusterSecurityTest {
  private static final Map<String, Object> RELEASE_PODS =
      Map.of("podSelector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", "degenduel-ws", "app.kubernetes.io/instance", Chart.RELEASE)));
  private static final Map<String, Object> INGRESS_CONTROLLER = Map.of(
      "namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "ingress-nginx")),
      "podSelector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", "ingress-nginx")));
  private static final Map<String, Object> BACKEND =
      Map.of("namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "degenduel-backend")));
  private static final Map<String, Object> PROMETHEUS = Map.of(
      "namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "monitoring")),
      "podSelector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", "prometheus")));
  private static final Set<Integer> CLUSTER_PORTS = Set.of(5701, 5710, 5801, 5802, 5803);

  @Test
  void everyPodMountsTheMemberCertificateAndPointsTheEventBusAtIt() {
    for (Manifests rendered : new Manifests[] {Chart.defaults(), Chart.production()}) {
      for (Node deployment : rendered.ofKind("Deployment")) {
        Node container = deployment.list("spec.template.spec.containers").get(0);
        Node mount = container.list("volumeMounts").stream().filter(m -> "cluster-tls".equals(m.str("name"))).findFirst().orElseThrow();
        assertThat(mount.at("readOnly").value()).isEqualTo(true);
        Node volume = GatewayExposureTest.volume(deployment, "cluster-tls");
        assertThat(volume.str("secret.secretName")).isEqualTo("degenduel-ws-cluster-tls");
        Map<String, String> files = new LinkedHashMap<>();
        volume.list("secret.items").forEach(i -> files.put(i.str("key"), mount.str("mountPath") + "/" + i.str("path")));
        assertThat(files).containsOnlyKeys("tls.crt", "tls.key", "ca.crt");
        assertThat(Manifests.envValue(container, "DD_EVENTBUS_TLS_CERT")).isEqualTo(files.get("tls.crt"));
        assertThat(Manifests.envValue(container, "DD_EVENTBUS_TLS_KEY")).isEqualTo(files.get("tls.key"));
        assertThat(Manifests.envValue(container, "DD_EVENTBUS_TLS_CA")).isEqualTo(files.get("ca.crt"));
      }
    }
  }

  @Test
  void theMemberCertificateCannotBeLeftOutOrSetAroundTheChart() {
    assertThatThrownBy(() -> Chart.defaults("cluster.tls.existingSecret=")).hasMessageContaining("cluster.tls.existingSecret");
    for (String name : List.of("DD_EVENTBUS_TLS_CERT", "DD_EVENTBUS_TLS_KEY", "DD_EVENTBUS_TLS_CA", "DD_CLUSTER_HOST")) {
      assertThatThrownBy(() -> Chart.defaults("env." + name + "=/tmp/x")).hasMessageContaining(name + " is set by the chart");
    }
  }

  @Test
  void networkPoliciesAreOffByDefaultAndOnInProduction() {
    assertThat(Chart.defaults().ofKind("NetworkPolicy")).isEmpty();
    assertThat(Chart.production().ofKind("NetworkPolicy")).isNotEmpty();
  }

  @Test
  void inProductionEachPortOfEachPodIsOpenToExactlyThePeersThatNeedIt() {
    Manifests rendered = Chart.production();
    Map<String, Map<Integer, List<Object>>> expected = new TreeMap<>();
    for (String role : List.of("gateway", "market", "portfolio", "contest")) {
      Map<Integer, List<Object>> ports = new TreeMap<>();
      CLUSTER_PORTS.forEach(p -> ports.put(p, List.of(RELEASE_PODS)));
      ports.put(9090, List.of(PROMETHEUS));
      expected.put(role, ports);
    }
    expected.get("gateway").put(8443, List.of(INGRESS_CONTROLLER));
    expected.get("portfolio").put(8091, List.of(BACKEND));
    expected.get("contest").put(8092, List.of(BACKEND));

    for (String role : expected.keySet()) {
      assertThat(openings(rendered, role)).as("who may open which port of %s", role).isEqualTo(expected.get(role));
    }
  }

  @Test
  void everyPortAContainerListensOnIsOpenToSomeone() {
    for (Manifests rendered : new Manifests[] {Chart.production(), Chart.defaults("networkPolicy.enabled=true")}) {
      for (Node deployment : rendered.ofKind("Deployment")) {
        String role = deployment.str("spec.template.metadata.labels[app.kubernetes.io/component]");
        Set<Integer> listening = new TreeSet<>();
        deployment.list("spec.template.spec.containers").get(0).list("ports")
            .forEach(p -> listening.add(Integer.parseInt(p.str("containerPort"))));
        assertThat(openings(rendered, role).keySet()).as(role).containsAll(listening);
      }
    }
  }

  @Test
  void theReleasesSimulatorReportsFactsAndIsPolledByTheReleasesPods() {
    Manifests rendered = Chart.defaults("networkPolicy.enabled=true");
    Map<String, Object> simulatorPods = Map.of("podSelector", Map.of("matchLabels", Map.of(
        "app.kubernetes.io/name", "degenduel-ws", "app.kubernetes.io/instance", Chart.RELEASE, "app.kubernetes.io/component", "simulator")));

    assertThat(openings(rendered, "portfolio").get(8091)).containsExactly(simulatorPods, BACKEND);
    assertThat(openings(rendered, "contest").get(8092)).containsExactly(simulatorPods, BACKEND);
    assertThat(openings(rendered, "simulator").get(8090)).containsExactly(RELEASE_PODS);
  }

  @Test
  void peersAreNamespacesPodLabelsOrAddressRanges() {
    Manifests rendered = Chart.production(
        "networkPolicy.backends[0].podLabels.app=trading-api",
        "networkPolicy.backends[1].cidr=10.20.0.0/16",
        "networkPolicy.monitoring=null");

    assertThat(openings(rendered, "portfolio").get(8091)).containsExactly(
        Map.of("podSelector", Map.of("matchLabels", Map.of("app", "trading-api")),
            "namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "degenduel-backend"))),
        Map.of("ipBlock", Map.of("cidr", "10.20.0.0/16")));
    assertThat(openings(rendered, "gateway")).as("no monitoring peers: the management port is closed").doesNotContainKey(9090);
  }

  @Test
  void aPeerWithNothingToMatchOrAGatewayNobodyMayReachIsRefused() {
    assertThatThrownBy(() -> Chart.production("networkPolicy.backends[0].namespace="))
        .hasMessageContaining("networkPolicy.backends[0] needs a namespace, podLabels or a cidr");
    assertThatThrownBy(() -> Chart.production("networkPolicy.ingressController=null"))
        .hasMessageContaining("networkPolicy.ingressController");
  }

  /**
   * Which peers each port of a role's pods is open to: the union over the NetworkPolicies whose
   * pod selector matches the role's pod labels, as Kubernetes combines them.
   */
  @SuppressWarnings("unchecked")
  private static Map<Integer, List<Object>> openings(Manifests rendered, String role) {
    Map<String, Object> labels = rendered.deployment(role).map("spec.template.metadata.labels");
    Map<Integer, List<Object>> ports = new TreeMap<>();
    for (Node policy : rendered.ofKind("NetworkPolicy")) {
      Map<String, Object> selector = policy.map("spec.podSelector.matchLabels");
      if (!labels.entrySet().containsAll(selector.entrySet())) {
        continue;
      }
      assertThat(policy.list("spec.policyTypes").stream().map(Node::value)).containsExactly("Ingress");
      for (Node rule : policy.list("spec.ingress")) {
        List<Object> peers = rule.list("from").stream().map(Node::value).toList();
        assertThat(peers).as("a rule without peers would open its ports to everyone").isNotEmpty();
        for (Node port : rule.list("ports")) {
          assertThat(port.str("protocol")).isEqualTo("TCP");
          ports.computeIfAbsent(Integer.parseInt(port.str("port")), p -> new ArrayList<>()).addAll(peers);
        }
      }
    }
    return ports;
  }
}
