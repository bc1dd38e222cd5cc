package com.degenduel.realtime.node.cluster;

import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.transport.Transport;

/**
 * The socket transport of every socket a process opens or accepts (public listener, event bus,
 * management port). The native ones copy less and make less garbage per connection than Java NIO;
 * io_uring also hands the kernel a whole event-loop turn of writes in one system call. A native
 * transport whose library or kernel support is missing falls back to NIO, so a process always
 * starts.
 */
public final class SocketTransport {
  private SocketTransport() {}

  static Transport of(NodeConfig config) {
    String wanted = config.get(Setting.TRANSPORT);
    Transport transport =
        switch (wanted) {
          case "epoll" -> Transport.EPOLL;
          case "io_uring" -> Transport.IO_URING;
          case "nio" -> Transport.NIO;
          default -> throw new IllegalArgumentException(
              Setting.TRANSPORT.env() + " must be epoll, io_uring or nio, not " + wanted);
        };
    return transport != null && transport.available() ? transport : Transport.NIO;
  }

  /** The transport a running instance uses, by the names of {@link Setting#TRANSPORT}. */
  public static String describe(Vertx vertx) {
    String implementation = ((VertxInternal) vertx).transport().getClass().getSimpleName();
    return switch (implementation) {
      case "EpollTransport" -> "epoll";
      case "IoUringTransport" -> "io_uring";
      case "NioTransport" -> "nio";
      default -> implementation;
    };
  }
}
