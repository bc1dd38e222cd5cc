package com.degenduel.realtime.testkit;

import com.degenduel.realtime.codec.wire.WireFormat;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real WebSocket client over TLS that offers its token as the subprotocol, the way a browser's
 * {@code new WebSocket(url, token)} does, and records everything it receives.
 */
public final class WssTestClient implements AutoCloseable {
  private final WebSocketClient client;
  private final WebSocket socket;
  private final LinkedBlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
  private final List<JsonObject> seen = new ArrayList<>();
  private volatile Short closeCode;
  private volatile String closeReason;

  private WssTestClient(WebSocketClient client, WebSocket socket) {
    this.client = client;
    this.socket = socket;
    socket.textMessageHandler(text -> received.add(WireFormat.parseObject(text)));
    socket.closeHandler(
        v -> {
          closeCode = socket.closeStatusCode();
          closeReason = socket.closeReason();
        });
  }

  public static WssTestClient connect(Vertx vertx, int port, String pathAndQuery, String token) {
    WebSocketClient client =
        vertx.createWebSocketClient(
            new WebSocketClientOptions().setSsl(true).setTrustOptions(TestTls.clientTrust()).setVerifyHost(true));
    WebSocketConnectOptions options =
        new WebSocketConnectOptions().setHost("localhost").setPort(port).setSsl(true).setURI(pathAndQuery);
    if (token != null) {
      options.addSubProtocol(token);
    }
    // Handlers are set in the completion callback, on the event loop, before any frame is read:
    // a server that answers and closes at once must not race the test thread.
    Future<WssTestClient> connected = client.connect(options).map(ws -> new WssTestClient(client, ws));
    return TestCluster.await(connected, Duration.ofSeconds(20));
  }

  /** The subprotocol the server selected in its handshake answer. */
  public String subProtocol() {
    return socket.subProtocol();
  }

  public WebSocket socket() {
    return socket;
  }

  public void send(String text) {
    TestCluster.await(socket.writeTextMessage(text));
  }

  /** The next message, failing the test if none arrives in time. */
  public JsonObject next(Duration timeout) {
    try {
      JsonObject message = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (message == null) {
        throw new AssertionError("no message within " + timeout + "; seen so far: " + seen);
      }
      seen.add(message);
      return message;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Skips messages until one matches, failing if none does in time. */
  public JsonObject nextMatching(Predicate<JsonObject> predicate, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("no matching message within " + timeout + "; seen: " + seen);
      }
      JsonObject message = next(Duration.ofNanos(left));
      if (predicate.test(message)) {
        return message;
      }
    }
  }

  public static Predicate<JsonObject> ofType(String type) {
    return m -> type.equals(m.getString("type"));
  }

  /** Waits for the server to close the socket and returns its close code. */
  public short awaitClose(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (closeCode == null && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    if (closeCode == null) {
      throw new AssertionError("socket not closed within " + timeout);
    }
    return closeCode;
  }

  public String closeReason() {
    return closeReason;
  }

  public boolean isClosed() {
    return closeCode != null || socket.isClosed();
  }

  @Override
  public void close() {
    try {
      TestCluster.await(socket.close(), Duration.ofSeconds(5));
    } catch (AssertionError ignored) {
      // the server may already have closed it
    }
    client.close();
  }
}
