package com.degenduel.realtime.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Only the gateway is public: a Service behind an Ingress with TLS and WebSocket timeouts, TLS
 * either re-encrypted to the gateway or terminated at the ingress; the ingestion and simulator
 * ports stay inside the cluster.
 */
class GatewayExposureTest {
  private static final String GATEWAY = Manifests.roleName("gateway");

  @Test
  void ingressServesWssWithTlsAndWebSocketTimeouts() {
    for (Manifests rendered : new Manifests[] {Chart.defaults(), Chart.production()}) {
      Node ingress = rendered.get("Ingress", GATEWAY);
      Map<String, Object> annotations = ingress.map("metadata.annotations");
      assertThat(annotations)
          .containsEntry("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600")
          .containsEntry("nginx.ingress.kubernetes.io/proxy-send-timeout", "3600")
          .containsEntry("nginx.ingress.kubernetes.io/proxy-http-version", "1.1")
          .containsEntry("nginx.ingress.kubernetes.io/proxy-buffering", "off")
          .containsEntry("nginx.ingress.kubernetes.io/force-ssl-redirect", "true");
      String host = ingress.list("spec.rules").get(0).str("host");
      Node tls = ingress.list("spec.tls").get(0);
      assertThat(tls.list("hosts")).extracting(Node::value).containsExactly(host);
      assertThat(tls.str("secretName")).isEqualTo("degenduel-ws-tls");
      Node path = ingress.list("spec.rules").get(0).list("http.paths").get(0);
      assertThat(path.str("path")).isEqualTo("/api/v2/ws");
      assertThat(path.str("backend.service.name")).isEqualTo(GATEWAY);
      assertThat(path.str("backend.service.port.name")).isEqualTo("websocket");

      Node service = rendered.get("Service", GATEWAY);
      assertThat(service.str("spec.type")).isEqualTo("ClusterIP");
      assertThat(service.list("spec.ports").get(0).str("targetPort")).isEqualTo("websocket");
    }
  }

  @Test
  void byDefaultTheIngressReencryptsToAGatewayServingTheSecretsCertificate() {
    Manifests rendered = Chart.defaults();
    assertThat(rendered.get("Ingress", GATEWAY).map("metadata.annotations"))
        .containsEntry("nginx.ingress.kubernetes.io/backend-protocol", "HTTPS");
    Node container = rendered.container("gateway");
    assertThat(Manifests.envValue(container, "DD_TLS_TERMINATED_BY_PROXY")).isEqualTo("false");
    String cert = Manifests.envValue(container, "DD_TLS_CERT");
    String key = Manifests.envValue(container, "DD_TLS_KEY");
    Node mount = mount(container, "tls");
    assertThat(cert).isEqualTo(mount.str("mountPath") + "/tls.crt");
    assertThat(key).isEqualTo(mount.str("mountPath") + "/tls.key");
    assertThat(volume(rendered.deployment("gateway"), "tls").str("secret.secretName")).isEqualTo("degenduel-ws-tls");
  }

  @Test
  void terminatingAtTheIngressTurnsGatewayTlsOffAndRequiresTheForwardedProto() {
    for (Manifests rendered :
        new Manifests[] {Chart.defaults("gateway.tls.terminateAtIngress=true"), Chart.production()}) {
      assertThat(rendered.get("Ingress", GATEWAY).map("metadata.annotations"))
          .containsEntry("nginx.ingress.kubernetes.io/backend-protocol", "HTTP")
          .containsEntry("nginx.ingress.kubernetes.io/ssl-redirect", "true");
      Node container = rendered.container("gateway");
      assertThat(Manifests.envValue(container, "DD_TLS_TERMINATED_BY_PROXY")).isEqualTo("true");
      assertThat(Manifests.env(container)).doesNotContainKeys("DD_TLS_CERT", "DD_TLS_KEY");
      assertThat(container.list("volumeMounts")).noneMatch(m -> "tls".equals(m.str("name")));
      assertThat(rendered.get("Ingress", GATEWAY).list("spec.tls")).isNotEmpty();
    }
  }

  @Test
  void gatewaysAutoscaleOnCpuAndTheDeploymentLeavesTheCountToTheAutoscaler() {
    Manifests rendered = Chart.defaults();
    Node hpa = rendered.get("HorizontalPodAutoscaler", GATEWAY);
    assertThat(hpa.str("apiVersion")).isEqualTo("autoscaling/v2");
    assertThat(hpa.str("spec.scaleTargetRef.kind")).isEqualTo("Deployment");
    assertThat(hpa.str("spec.scaleTargetRef.name")).isEqualTo(GATEWAY);
    assertThat(hpa.str("spec.minReplicas")).isEqualTo("2");
    assertThat(hpa.str("spec.maxReplicas")).isEqualTo("10");
    assertThat(hpa.list("spec.metrics").get(0).str("resource.name")).isEqualTo("cpu");
    assertThat(rendered.deployment("gateway").exists("spec.replicas")).isFalse();
    assertThat(rendered.ofKind("HorizontalPodAutoscaler")).hasSize(1);

    Manifests fixed = Chart.defaults("gateway.autoscaling.enabled=false", "gateway.replicaCount=4");
    assertThat(fixed.find("HorizontalPodAutoscaler", GATEWAY)).isEmpty();
    assertThat(fixed.deployment("gateway").str("spec.replicas")).isEqualTo("4");
  }

  @Test
  void ingestionAndSimulatorPortsAreInternalOnly() {
    Manifests rendered = Chart.defaults();
    for (Node service : rendered.ofKind("Service")) {
      assertThat(service.str("spec.type")).as(service.str("metadata.name")).isIn(null, "ClusterIP");
    }
    for (Map.Entry<String, String> internal : Map.of("portfolio", "8091", "contest", "8092", "simulator", "8090").entrySet()) {
      Node service = rendered.get("Service", Manifests.roleName(internal.getKey()));
      assertThat(service.list("spec.ports")).extracting(p -> p.str("port")).containsExactly(internal.getValue());
      String host = internal.getKey().equals("simulator") ? "DD_SIM_HTTP_HOST" : "DD_" + internal.getKey().toUpperCase() + "_INGEST_HOST";
      assertThat(Manifests.envValue(rendered.container(internal.getKey()), host))
          .as("listens on the pod network, reachable only through its ClusterIP service")
          .isEqualTo("0.0.0.0");
    }
    List<String> backends =
        rendered.ofKind("Ingress").stream()
            .flatMap(i -> i.list("spec.rules").stream())
            .flatMap(r -> r.list("http.paths").stream())
            .map(p -> p.str("backend.service.name"))
            .toList();
    assertThat(backends).containsOnly(GATEWAY);
  }

  private static Node mount(Node container, String name) {
    return container.list("volumeMounts").stream()
        .filter(m -> name.equals(m.str("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no volume mount " + name));
  }

  static Node volume(Node deployment, String name) {
    return deployment.list("spec.template.spec.volumes").stream()
        .filter(v -> name.equals(v.str("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no volume " + name));
  }
}
