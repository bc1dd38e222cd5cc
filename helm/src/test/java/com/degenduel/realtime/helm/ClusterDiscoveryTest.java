package com.degenduel.realtime.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Members find each other by a DNS lookup of a headless service, listen on their pod IP and advertise it on the event bus. */
class ClusterDiscoveryTest {
  private static final String HEADLESS = "dd-degenduel-ws-hazelcast";

  @Test
  void headlessServicePublishesEveryMemberReadyOrNot() {
    for (Manifests rendered : new Manifests[] {Chart.defaults(), Chart.production()}) {
      Node service = rendered.get("Service", HEADLESS);
      assertThat(service.str("spec.clusterIP")).isEqualTo("None");
      assertThat(service.at("spec.publishNotReadyAddresses").value()).isEqualTo(true);
      Node port = service.list("spec.ports").get(0);
      assertThat(port.str("port")).isEqualTo("5701");
      assertThat(port.str("targetPort")).isEqualTo("hazelcast");

      Map<String, Object> selector = service.map("spec.selector");
      for (Node deployment : rendered.ofKind("Deployment")) {
        assertThat(deployment.map("spec.template.metadata.labels"))
            .as("%s is discoverable", deployment.str("metadata.name"))
            .containsAllEntriesOf(selector);
        Node container = deployment.list("spec.template.spec.containers").get(0);
        assertThat(container.list("ports"))
            .anyMatch(p -> "hazelcast".equals(p.str("name")) && "5701".equals(p.str("containerPort")));
      }
    }
  }

  @Test
  void everyRoleJoinsThroughKubernetesDiscoveryAndAdvertisesItsPodIp() {
    Manifests rendered = Chart.defaults();
    for (String role : Roles.ALL) {
      Node container = rendered.container(role);
      Map<String, Node> env = Manifests.env(container);
      assertThat(Manifests.envValue(container, "DD_CLUSTER_DISCOVERY")).isEqualTo("kubernetes");
      assertThat(Manifests.envValue(container, "DD_KUBERNETES_SERVICE_DNS"))
          .isEqualTo(HEADLESS + "." + Chart.NAMESPACE + ".svc.cluster.local");
      assertThat(env).doesNotContainKey("DD_CLUSTER_MEMBERS");
      for (String host : new String[] {"DD_CLUSTER_HOST", "DD_EVENTBUS_HOST", "DD_EVENTBUS_PUBLIC_HOST"}) {
        assertThat(env.get(host).str("valueFrom.fieldRef.fieldPath")).as(host).isEqualTo("status.podIP");
      }
      String eventBusPort = Manifests.envValue(container, "DD_EVENTBUS_PORT");
      assertThat(container.list("ports"))
          .anyMatch(p -> "eventbus".equals(p.str("name")) && eventBusPort.equals(p.str("containerPort")));
    }
  }

  @Test
  void clusterDomainIsConfigurable() {
    assertThat(Manifests.envValue(Chart.defaults("cluster.domain=k8s.internal").container("market"), "DD_KUBERNETES_SERVICE_DNS"))
        .isEqualTo(HEADLESS + ".degenduel.svc.k8s.internal");
  }
}
