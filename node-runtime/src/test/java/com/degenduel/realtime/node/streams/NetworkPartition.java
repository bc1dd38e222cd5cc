package com.degenduel.realtime.node.streams;

import com.degenduel.realtime.testkit.FreePorts;
import com.degenduel.realtime.testkit.TestCluster;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A network between Hazelcast members on loopback that a test can cut in two and heal: each
 * member is reached only through a TCP proxy (its public address), and connects out from its own
 * range of ports (Hazelcast's outbound ports), by which the proxy tells who is calling. While cut,
 * the proxies drop every connection between the two sides and refuse new ones; the members on
 * each side still reach each other.
 */
final class NetworkPartition implements AutoCloseable {
  static final int OUTBOUND_PORTS = 16;

  /** One member: where it listens, the proxy others reach it through, the first of its outbound ports. */
  record Member(int bindPort, int publicPort, int firstOutboundPort) {
    String publicAddress() {
      return "127.0.0.1:" + publicPort;
    }

    String outboundPorts() {
      return firstOutboundPort + "-" + (firstOutboundPort + OUTBOUND_PORTS - 1);
    }
  }

  private record Link(int from, int to, NetSocket in, NetSocket out) {}

  private final Vertx vertx = Vertx.vertx();
  private final NetClient client = vertx.createNetClient();
  private final List<Member> members = new ArrayList<>();
  private final List<NetServer> proxies = new ArrayList<>();
  private final Set<Link> links = ConcurrentHashMap.newKeySet();
  private volatile Set<Integer> cutOff = Set.of();

  static NetworkPartition of(int size) {
    NetworkPartition network = new NetworkPartition();
    for (int i = 0; i < size; i++) {
      int first = FreePorts.nextRun(OUTBOUND_PORTS + 2);
      network.members.add(new Member(first + OUTBOUND_PORTS, first + OUTBOUND_PORTS + 1, first));
    }
    for (int i = 0; i < size; i++) {
      int to = i;
      NetServer proxy = network.vertx.createNetServer().connectHandler(in -> network.accept(to, in));
      network.proxies.add(TestCluster.await(proxy.listen(network.members.get(i).publicPort(), "127.0.0.1")));
    }
    return network;
  }

  Member member(int index) {
    return members.get(index);
  }

  List<String> publicAddresses() {
    return members.stream().map(Member::publicAddress).toList();
  }

  /** Cuts every link between these members and the others. */
  void cut(Set<Integer> side) {
    cutOff = Set.copyOf(side);
    for (Link link : List.copyOf(links)) {
      if (crosses(link.from(), link.to())) {
        link.in().close();
        link.out().close();
      }
    }
  }

  void heal() {
    cutOff = Set.of();
  }

  private void accept(int to, NetSocket in) {
    int from = memberConnectingFrom(in.remoteAddress().port());
    if (crosses(from, to)) {
      in.close();
      return;
    }
    in.pause();
    client.connect(members.get(to).bindPort(), "127.0.0.1").onComplete(connected -> {
      if (connected.failed()) {
        in.close();
        return;
      }
      NetSocket out = connected.result();
      Link link = new Link(from, to, in, out);
      links.add(link);
      in.closeHandler(v -> {
        links.remove(link);
        out.close();
      });
      out.closeHandler(v -> {
        links.remove(link);
        in.close();
      });
      in.pipeTo(out);
      out.pipeTo(in);
    });
  }

  /** -1: not one of the members' outbound ports; such a caller is cut off from everyone while a cut lasts. */
  private int memberConnectingFrom(int port) {
    for (int i = 0; i < members.size(); i++) {
      int first = members.get(i).firstOutboundPort();
      if (port >= first && port < first + OUTBOUND_PORTS) {
        return i;
      }
    }
    return -1;
  }

  private boolean crosses(int from, int to) {
    Set<Integer> side = cutOff;
    return !side.isEmpty() && (from < 0 || side.contains(from) != side.contains(to));
  }

  @Override
  public void close() {
    cutOff = Set.of();
    links.forEach(link -> link.in().close());
    TestCluster.await(Future.join(proxies.stream().map(NetServer::close).toList()));
    TestCluster.await(vertx.close());
  }
}
