package com.degenduel.realtime.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Probes, disruption budgets, scraping, JVM sizing and the gateway's drain on shutdown. */
class OperationsTest {
  @Test
  void everyProcessIsProbedOnItsManagementPort() {
    for (Manifests rendered : new Manifests[] {Chart.defaults(), Chart.production()}) {
      for (Node deployment : rendered.ofKind("Deployment")) {
        Node container = deployment.list("spec.template.spec.containers").get(0);
        assertThat(container.list("ports"))
            .anyMatch(p -> "management".equals(p.str("name")) && "9090".equals(p.str("containerPort")));
        assertThat(Manifests.envValue(container, "DD_MANAGEMENT_PORT")).isEqualTo("9090");
        assertThat(container.str("readinessProbe.httpGet.path")).isEqualTo("/ready");
        assertThat(container.str("readinessProbe.httpGet.port")).isEqualTo("management");
        assertThat(container.str("livenessProbe.httpGet.path")).isEqualTo("/health");
        assertThat(container.str("livenessProbe.httpGet.port")).isEqualTo("management");
        assertThat(container.str("startupProbe.httpGet.path")).isEqualTo("/health");
      }
    }
  }

  @Test
  void eachRoleHasADisruptionBudgetSelectingOnlyItsPods() {
    Manifests rendered = Chart.production();
    for (Node deployment : rendered.ofKind("Deployment")) {
      Node pdb = rendered.get("PodDisruptionBudget", deployment.str("metadata.name"));
      assertThat(pdb.str("apiVersion")).isEqualTo("policy/v1");
      assertThat(pdb.str("spec.maxUnavailable")).isEqualTo("1");
      assertThat(pdb.map("spec.selector.matchLabels")).isEqualTo(deployment.map("spec.selector.matchLabels"));
    }
  }

  @Test
  void podsAreScrapedByAnnotationOrByServiceMonitor() {
    for (Node deployment : Chart.defaults().ofKind("Deployment")) {
      assertThat(deployment.map("spec.template.metadata.annotations"))
          .containsEntry("prometheus.io/scrape", "true")
          .containsEntry("prometheus.io/port", "9090")
          .containsEntry("prometheus.io/path", "/metrics");
    }
    assertThat(Chart.defaults().ofKind("ServiceMonitor")).isEmpty();
    for (Node deployment : Chart.production().ofKind("Deployment")) {
      assertThat(deployment.exists("spec.template.metadata.annotations")).as("production scrapes by ServiceMonitor only").isFalse();
    }

    Manifests production = Chart.production();
    Node monitor = production.ofKind("ServiceMonitor").get(0);
    Node endpoint = monitor.list("spec.endpoints").get(0);
    assertThat(endpoint.str("path")).isEqualTo("/metrics");
    Node management =
        production.ofKind("Service").stream()
            .filter(s -> s.map("metadata.labels").entrySet().containsAll(monitor.map("spec.selector.matchLabels").entrySet()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the ServiceMonitor selects no Service"));
    assertThat(management.list("spec.ports")).anyMatch(p -> endpoint.str("port").equals(p.str("name")) && "9090".equals(p.str("port")));
    for (Node deployment : production.ofKind("Deployment")) {
      assertThat(deployment.map("spec.template.metadata.labels")).containsAllEntriesOf(management.map("spec.selector"));
    }
  }

  @Test
  void heapFollowsTheContainerMemoryLimit() {
    for (Manifests rendered : new Manifests[] {Chart.defaults(), Chart.production()}) {
      for (Node deployment : rendered.ofKind("Deployment")) {
        Node container = deployment.list("spec.template.spec.containers").get(0);
        String javaOpts = Manifests.envValue(container, "JAVA_OPTS");
        assertThat(javaOpts).containsPattern("-XX:MaxRAMPercentage=\\d+").contains("-XX:+ExitOnOutOfMemoryError");
        assertThat(javaOpts).doesNotContain("-Xmx");
        assertThat(container.str("resources.limits.memory")).as("a limit for the percentage to apply to").isNotBlank();
      }
    }
    assertThat(Manifests.envValue(Chart.defaults("jvm.maxRamPercentage=60").container("market"), "JAVA_OPTS"))
        .contains("-XX:MaxRAMPercentage=60");
  }

  @Test
  void gatewayGracePeriodOutlastsPreStopAndDrainWindow() {
    for (Manifests rendered : new Manifests[] {Chart.defaults(), Chart.production()}) {
      Node deployment = rendered.deployment("gateway");
      Node container = rendered.container("gateway");
      long graceMs = Long.parseLong(deployment.str("spec.template.spec.terminationGracePeriodSeconds")) * 1000;
      long drainMs = Long.parseLong(Manifests.envValue(container, "DD_DRAIN_WINDOW_MS"));
      long preStopMs = Long.parseLong(String.valueOf(container.list("lifecycle.preStop.exec.command").get(1).value())) * 1000;
      assertThat(graceMs).isGreaterThan(drainMs + preStopMs);
    }
    assertThat(Manifests.envValue(Chart.production().container("gateway"), "DD_DRAIN_WINDOW_MS")).isEqualTo("20000");
  }

  @Test
  void aGracePeriodShorterThanTheDrainIsRefused() {
    assertThatThrownBy(() -> Chart.defaults("gateway.terminationGracePeriodSeconds=15"))
        .hasMessageContaining("gateway.terminationGracePeriodSeconds (15) must exceed");
    assertThatThrownBy(() -> Chart.defaults("gateway.drainWindowMs=40000"))
        .hasMessageContaining("must exceed");
  }

  @Test
  void podsRunAsNonRootOnAReadOnlyFilesystemWithoutApiAccess() {
    for (Node deployment : Chart.defaults().ofKind("Deployment")) {
      Node spec = deployment.at("spec.template.spec");
      assertThat(spec.at("securityContext.runAsNonRoot").value()).isEqualTo(true);
      assertThat(spec.at("automountServiceAccountToken").value()).isEqualTo(false);
      Node container = spec.list("containers").get(0);
      assertThat(container.at("securityContext.readOnlyRootFilesystem").value()).isEqualTo(true);
      assertThat(container.list("volumeMounts")).anyMatch(m -> "/tmp".equals(m.str("mountPath")));
    }
  }
}
