package com.degenduel.realtime.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.degenduel.realtime.testkit.TestCluster;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A real member bound to loopback cannot be reached through this machine's other addresses:
 * neither its Hazelcast member nor its event bus listens on every interface.
 */
class HazelcastInterfaceTest {

  @Test
  void aMemberOnLoopbackRefusesConnectionsToThisMachinesOtherAddresses() throws IOException {
    Optional<InetAddress> external = externalAddress();
    assumeTrue(external.isPresent(), "this machine has no address besides loopback");
    try (TestCluster cluster = TestCluster.start(1)) {
      int port = cluster.hazelcastPort(0);

      try (Socket reachable = new Socket()) {
        reachable.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
        assertThat(reachable.isConnected()).isTrue();
      }
      assertThatThrownBy(() -> {
        try (Socket outside = new Socket()) {
          outside.connect(new InetSocketAddress(external.get(), port), 2_000);
        }
      }).as("%s:%d", external.get().getHostAddress(), port).isInstanceOf(ConnectException.class);
      int eventBus = cluster.eventBusPort(0);
      assertThatThrownBy(() -> {
        try (Socket outside = new Socket()) {
          outside.connect(new InetSocketAddress(external.get(), eventBus), 2_000);
        }
      }).as("event bus %s:%d", external.get().getHostAddress(), eventBus).isInstanceOf(ConnectException.class);
    }
  }

  private static Optional<InetAddress> externalAddress() throws SocketException {
    return NetworkInterface.networkInterfaces()
        .filter(HazelcastInterfaceTest::up)
        .flatMap(NetworkInterface::inetAddresses)
        .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
        .findFirst();
  }

  private static boolean up(NetworkInterface network) {
    try {
      return network.isUp();
    } catch (SocketException e) {
      return false;
    }
  }
}
