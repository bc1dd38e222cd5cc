package com.degenduel.realtime.node.cluster;

import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import java.util.Arrays;

/** How a member finds the others, chosen with {@code DD_CLUSTER_DISCOVERY}. */
public enum ClusterDiscovery {
  /** An explicit member list (DD_CLUSTER_MEMBERS): local runs and bare metal. */
  TCP_IP("tcp-ip"),
  /** The addresses behind a Kubernetes headless service (DD_KUBERNETES_SERVICE_DNS). */
  KUBERNETES("kubernetes");

  private final String setting;

  ClusterDiscovery(String setting) {
    this.setting = setting;
  }

  public static ClusterDiscovery of(NodeConfig config) {
    String value = config.get(Setting.CLUSTER_DISCOVERY).trim();
    return Arrays.stream(values())
        .filter(d -> d.setting.equalsIgnoreCase(value))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            Setting.CLUSTER_DISCOVERY.env() + " must be tcp-ip or kubernetes, not '" + value + "'"));
  }
}
