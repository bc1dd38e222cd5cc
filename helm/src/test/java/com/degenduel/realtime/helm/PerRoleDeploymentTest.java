package com.degenduel.realtime.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every verticle is its own Deployment with its own image tag, replicas, resources and enabled flag. */
class PerRoleDeploymentTest {
  static List<String> roles() {
    return Roles.ALL;
  }

  @Test
  void defaultsDeployEveryRoleFromTheImageTheDockerfileBuilds() throws Exception {
    Manifests rendered = Chart.defaults();
    assertThat(rendered.ofKind("Deployment")).hasSize(Roles.ALL.size());
    String dockerfile = Files.readString(Path.of(System.getProperty("repo.root", "..")).resolve("Dockerfile"));
    String entrypoint = Files.readString(Path.of(System.getProperty("repo.root", "..")).resolve("docker/entrypoint.sh"));
    assertThat(dockerfile).contains("ENTRYPOINT [\"/app/entrypoint.sh\"]").contains("ENV ROLE=${ROLE}");
    assertThat(entrypoint).contains("com.degenduel.realtime.node.launch.Launcher \"${ROLE:?");
    for (String role : Roles.ALL) {
      Node container = rendered.container(role);
      assertThat(container.str("image")).isEqualTo("ghcr.io/degenduel/degenduel-ws:0.1.0");
      assertThat(Manifests.envValue(container, "ROLE")).isEqualTo(role);
    }
  }

  @ParameterizedTest
  @MethodSource("roles")
  void aRolesOwnImageTagRollsOutThatRoleAndNothingElse(String role) {
    Manifests before = Chart.defaults();
    Manifests after = Chart.defaults(role + ".image.tag=0.2.0-" + role);

    assertThat(after.container(role).str("image")).isEqualTo("ghcr.io/degenduel/degenduel-ws:0.2.0-" + role);
    assertThat(after.deployment(role).str("spec.template.metadata.labels[app.kubernetes.io/version]"))
        .isEqualTo("0.2.0-" + role);
    assertThat(after.all()).hasSameSizeAs(before.all());
    for (Node document : after.all()) {
      String kind = document.str("kind");
      String name = document.str("metadata.name");
      Node previous = before.get(kind, name);
      if (kind.equals("Deployment") && name.equals(Manifests.roleName(role))) {
        assertThat(document.at("spec.template").value()).isNotEqualTo(previous.at("spec.template").value());
      } else {
        assertThat(document.value()).as("%s/%s must not change", kind, name).isEqualTo(previous.value());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("roles")
  void eachRoleHasItsOwnReplicasAndResources(String role) {
    Manifests rendered =
        Chart.defaults(
            "gateway.autoscaling.enabled=false",
            role + ".replicaCount=7",
            role + ".resources.requests.cpu=1234m",
            role + ".resources.limits.memory=3Gi");
    for (String other : Roles.ALL) {
      Node deployment = rendered.deployment(other);
      Node resources = rendered.container(other).at("resources");
      if (other.equals(role)) {
        assertThat(deployment.str("spec.replicas")).isEqualTo("7");
        assertThat(resources.str("requests.cpu")).isEqualTo("1234m");
        assertThat(resources.str("limits.memory")).isEqualTo("3Gi");
      } else {
        assertThat(deployment.str("spec.replicas")).isNotEqualTo("7");
        assertThat(resources.str("requests.cpu")).isNotEqualTo("1234m");
        assertThat(resources.str("limits.memory")).isNotEqualTo("3Gi");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("roles")
  void disablingARoleRemovesItsObjectsOnly(String role) {
    Manifests rendered = Chart.defaults(role + ".enabled=false", "market.source.url=https://exchange.example");
    for (String other : Roles.ALL) {
      boolean present = rendered.find("Deployment", Manifests.roleName(other)).isPresent();
      assertThat(present).as("Deployment of %s", other).isEqualTo(!other.equals(role));
    }
    assertThat(rendered.all())
        .as("no object of the disabled role is left")
        .noneMatch(d -> role.equals(d.str("metadata.labels[app.kubernetes.io/component]")));
  }

  @Test
  void productionRunsTwoOrMoreOfEveryServiceAndNoSimulator() {
    Manifests rendered = Chart.production();
    assertThat(rendered.find("Deployment", Manifests.roleName("simulator"))).isEmpty();
    for (String role : List.of("market", "portfolio", "contest")) {
      assertThat(Integer.parseInt(rendered.deployment(role).str("spec.replicas"))).isGreaterThanOrEqualTo(2);
    }
    Node market = rendered.container("market");
    assertThat(Manifests.envValue(market, "DD_MARKET_SOURCE")).as("trades pushed by the exchange's stream").isEqualTo("binance");
    assertThat(Manifests.envValue(market, "DD_MARKET_STREAM_URL")).isEqualTo("wss://stream.binance.com:9443");
    assertThat(Manifests.envValue(market, "DD_MARKET_SOURCE_URL")).as("the 24-hour figures").isEqualTo("https://api.binance.com");
    assertThat(Manifests.env(market)).as("nothing is polled").doesNotContainKey("DD_MARKET_POLL_INTERVAL_MS");
    Map<String, Object> hpa = rendered.get("HorizontalPodAutoscaler", Manifests.roleName("gateway")).map("spec");
    assertThat(((Number) hpa.get("minReplicas")).intValue()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void streamOwningReplicasShareTheirOwnStreamClusterAndProductionProtectsItAgainstSplitBrain() {
    Map<String, String> ports = Map.of("portfolio", "5801", "contest", "5802", "market", "5803");
    ports.forEach((role, port) -> {
      Node container = Chart.defaults().container(role);
      assertThat(Manifests.envValue(container, "DD_STREAMS_PORT")).as(role).isEqualTo(port);
      assertThat(Manifests.envValue(container, "DD_STREAMS_QUORUM")).as(role).isEqualTo("0");
      assertThat(container.list("ports")).anySatisfy(p -> assertThat(p.str("containerPort")).isEqualTo(port));
    });
    assertThat(Manifests.env(Chart.defaults().container("gateway"))).doesNotContainKey("DD_STREAMS_PORT");

    Manifests production = Chart.production();
    for (String role : List.of("portfolio", "contest")) {
      assertThat(Integer.parseInt(production.deployment(role).str("spec.replicas"))).as(role).isEqualTo(3);
      assertThat(Manifests.envValue(production.container(role), "DD_STREAMS_QUORUM")).as(role).isEqualTo("2");
    }
    // Market records hold no acknowledged fact: both sides of a network partition keep publishing prices.
    assertThat(Manifests.envValue(production.container("market"), "DD_STREAMS_QUORUM")).isEqualTo("0");
  }

  @Test
  void marketReadsTheReleasesSimulatorUnlessGivenAnExchange() {
    Node market = Chart.defaults().container("market");
    assertThat(Manifests.envValue(market, "DD_MARKET_SOURCE")).isEqualTo("binance");
    assertThat(Manifests.envValue(market, "DD_MARKET_SOURCE_URL")).isEqualTo("http://dd-degenduel-ws-simulator:8090");
    assertThat(Manifests.env(market)).as("the simulator serves its stream beside its REST API").doesNotContainKey("DD_MARKET_STREAM_URL");
    assertThat(Chart.defaults().find("Service", Manifests.roleName("simulator"))).isPresent();
  }

  @Test
  void thePolledRestSourceStaysAvailable() {
    Node market = Chart.defaults("market.source.type=binance-rest", "market.source.url=https://exchange.example",
        "market.source.streamUrl=wss://stream.exchange.example").container("market");
    assertThat(Manifests.envValue(market, "DD_MARKET_SOURCE")).isEqualTo("binance-rest");
    assertThat(Manifests.envValue(market, "DD_MARKET_SOURCE_URL")).isEqualTo("https://exchange.example");
    assertThat(Manifests.env(market)).as("a polled source has no stream").doesNotContainKey("DD_MARKET_STREAM_URL");
  }
}
