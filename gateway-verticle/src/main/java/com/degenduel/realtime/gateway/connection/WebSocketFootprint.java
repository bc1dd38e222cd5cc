package com.degenduel.realtime.gateway.connection;

import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.impl.websocket.WebSocketImplBase;
import io.vertx.core.net.impl.VertxConnection;
import io.vertx.core.net.impl.VertxHandler;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets go of what Vert.x 5.1 keeps for every accepted WebSocket and the gateway never uses. An idle
 * socket is mostly these two, and a gateway is mostly idle sockets.
 *
 * <ul>
 *   <li><b>A write queue for other threads.</b> Vert.x's strict thread mode applies to the HTTP
 *       connection of the upgrade, not to the WebSocket connection that replaces it, which gets a
 *       multi-producer queue built on Netty's chunked queue: a 1,025-slot array allocated up
 *       front, 4.7 KB per socket, for writes that never come. The gateway writes to a socket only
 *       on its event loop (the promise its listener's strict thread mode already makes), so the
 *       queue is replaced with the direct one Vert.x uses in strict mode, before anything is
 *       written through it.
 *   <li><b>The upgrade request.</b> The socket's Netty handler keeps the factory that built its
 *       connection, and with it the handshake: the HTTP request and response with their headers
 *       (the token among them, as the offered and the selected subprotocol) and the HTTP
 *       connection. The factory has run once the socket exists and is never called again.
 * </ul>
 *
 * <p>And once a socket is admitted, what Vert.x keeps of its upgrade for the socket's life goes too
 * ({@link #forgetUpgrade}): the request's headers (a browser's cookies and user agent, often a
 * kilobyte or more) and the selected subprotocol. Both carry the token, which then does not linger
 * on the heap for hours.
 *
 * <p>The first two reach into Vert.x's internals (the pinned 5.1 line): no public option lets them
 * go. Vert.x's strict thread mode (eclipse-vertx/vert.x#5540, {@code
 * HttpServerOptions#setStrictThreadMode}) covers the HTTP connection only; once it covers the
 * WebSocket that replaces it, the first goes. Should an upgrade move them, sockets keep what Vert.x
 * gives them and work as before, a warning says so once, and {@code WebSocketFootprintTest} fails.
 */
public final class WebSocketFootprint {
  private static final Logger LOG = LoggerFactory.getLogger(WebSocketFootprint.class);

  private static final Field WRITE_QUEUE;
  private static final Constructor<?> DIRECT_WRITE_QUEUE;
  private static final Field CONNECTION_FACTORY;

  static {
    Field queue = null;
    Constructor<?> direct = null;
    Field factory = null;
    try {
      queue = VertxConnection.class.getDeclaredField("outboundMessageQueue");
      direct =
          Class.forName(VertxConnection.class.getName() + "$DirectOutboundMessageQueue")
              .getDeclaredConstructor(VertxConnection.class);
      factory = VertxHandler.class.getDeclaredField("connectionFactory");
      queue.setAccessible(true);
      direct.setAccessible(true);
      factory.setAccessible(true);
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn("Vert.x's connection internals have changed; WebSockets keep all Vert.x gives them ({})", e.toString());
      queue = null;
      direct = null;
      factory = null;
    }
    WRITE_QUEUE = queue;
    DIRECT_WRITE_QUEUE = direct;
    CONNECTION_FACTORY = factory;
  }

  private WebSocketFootprint() {}

  /** Must run on the socket's event loop once its connection exists and before anything is written to it. */
  static void reduce(VertxHandler<?> handler) {
    if (WRITE_QUEUE == null) {
      return;
    }
    try {
      VertxConnection connection = handler.getConnection();
      WRITE_QUEUE.set(connection, DIRECT_WRITE_QUEUE.newInstance(connection));
      CONNECTION_FACTORY.set(handler, null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn("WebSocket keeps all Vert.x gives it ({})", e.toString());
    }
  }

  /** Once the socket is admitted: nothing reads its upgrade's headers or subprotocol again. */
  public static void forgetUpgrade(ServerWebSocket socket) {
    socket.headers().clear();
    if (socket instanceof WebSocketImplBase<?> vertxSocket) {
      vertxSocket.subProtocol(null);
    }
  }

  /** Whether the connection writes directly, for the test that pins this to the Vert.x in use. */
  static boolean writesDirectly(VertxConnection connection) throws IllegalAccessException {
    return WRITE_QUEUE != null && DIRECT_WRITE_QUEUE.getDeclaringClass().isInstance(WRITE_QUEUE.get(connection));
  }
}
