package com.degenduel.realtime.node.cluster;

import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Where this process's cluster listeners bind: the Hazelcast members and the event bus. */
final class ClusterAddress {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private ClusterAddress() {}

  /**
   * The interface the Hazelcast members bind to: {@code DD_CLUSTER_HOST}, else the event bus's
   * host; empty when that is the wildcard address (every interface). A host name is resolved,
   * which may block.
   */
  static Optional<String> hazelcastInterface(NodeConfig config) {
    Setting setting = config.isSet(Setting.CLUSTER_HOST) ? Setting.CLUSTER_HOST : Setting.EVENTBUS_HOST;
    String host = config.get(setting).trim();
    try {
      InetAddress address = InetAddress.getByName(host);
      return address.isAnyLocalAddress() ? Optional.empty() : Optional.of(address.getHostAddress());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(setting.env() + " must be an address of this machine, not '" + host + "'", e);
    }
  }

  /** Whether {@code host} is a loopback address, decided without a DNS lookup. */
  static boolean isLoopback(String host) {
    String trimmed = host.trim();
    if (trimmed.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!IPV4.matcher(trimmed).matches() && !trimmed.contains(":")) {
      return false;
    }
    try {
      return InetAddress.getByName(trimmed).isLoopbackAddress();
    } catch (UnknownHostException malformed) {
      return false;
    }
  }
}
