package com.degenduel.realtime.testkit;

import com.degenduel.realtime.codec.wire.WireFormat;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
  private final Promise<Short> closed = Promise.promise();
  private volatile Short closeCode;
  private volatile long closedAtNanos;
  private long heartbeatTimer = -1;
  private Vertx heartbeatVertx;
  private volatile String closeReason;

  private WssTestClient(WebSocketClient client, WebSocket socket) {
    this.client = client;
    this.socket = socket;
    socket.textMessageHandler(text -> received.add(WireFormat.parseObject(text)));
    socket.closeHandler(
        v -> {
          closedAtNanos = System.nanoTime();
          closeCode = socket.closeStatusCode();
          closeReason = socket.closeReason();
          closed.tryComplete(closeCode);
        });
  }

  public static WssTestClient connect(Vertx vertx, int port, String pathAndQuery, String token) {
    return TestCluster.await(tryConnect(vertx, clientOptions(), options(port, pathAndQuery, token)), Duration.ofSeconds(20));
  }

  /** TLS client options that trust the test certificate; adjust them (local address, protocols) before connecting. */
  public static WebSocketClientOptions clientOptions() {
    return new WebSocketClientOptions().setSsl(true).setTrustOptions(TestTls.clientTrust()).setVerifyHost(true);
  }

  /** Connect options for a path on localhost, offering the token (if any) as the subprotocol. */
  public static WebSocketConnectOptions options(int port, String pathAndQuery, String token) {
    WebSocketConnectOptions options =
        new WebSocketConnectOptions().setHost("localhost").setPort(port).setSsl(true).setURI(pathAndQuery);
    if (token != null) {
      options.addSubProtocol(token);
    }
    return options;
  }

  /** The handshake as a future, for tests that expect it to be refused. */
  public static Future<WssTestClient> tryConnect(
      Vertx vertx, WebSocketClientOptions clientOptions, WebSocketConnectOptions options) {
    WebSocketClient client = vertx.createWebSocketClient(clientOptions);
    // Handlers are set in the completion callback, on the event loop, before any frame is read:
    // a server that answers and closes at once must not race the test thread.
    return client
        .connect(options)
        .map(ws -> new WssTestClient(client, ws))
        .onFailure(e -> client.close());
  }

  /**
   * Sends a WebSocket ping frame every {@code interval}, as a non-browser client's heartbeat does;
   * unlike a PING message it adds nothing to what the test reads.
   */
  public void heartbeat(Vertx vertx, Duration interval) {
    heartbeatTimer =
        vertx.setPeriodic(
            interval.toMillis(),
            t -> {
              if (!socket.isClosed()) {
                socket.writePing(io.vertx.core.buffer.Buffer.buffer("hb"));
              }
            });
    this.heartbeatVertx = vertx;
  }

  /** When the close was seen, for tests that check how closes are spread over time. */
  public long closedAtNanos() {
    return closedAtNanos;
  }

  /** Stops reading from the socket, as a client that cannot keep up does. */
  public void pause() {
    socket.pause();
  }

  public void writeFrame(io.vertx.core.http.WebSocketFrame frame) {
    TestCluster.await(socket.writeFrame(frame));
  }

  /** Messages received but not yet taken, without waiting. */
  public int backlog() {
    return received.size();
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
    Short code;
    try {
      code = closed.future().toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("socket not closed within " + timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (ExecutionException e) {
      throw new AssertionError(e);
    }
    if (code == null) {
      throw new AssertionError("socket closed without a close frame");
    }
    return code;
  }

  public String closeReason() {
    return closeReason;
  }

  public boolean isClosed() {
    return closeCode != null || socket.isClosed();
  }

  @Override
  public void close() {
    if (heartbeatVertx != null) {
      heartbeatVertx.cancelTimer(heartbeatTimer);
    }
    try {
      TestCluster.await(socket.close(), Duration.ofSeconds(5));
    } catch (AssertionError ignored) {
      // the server may already have closed it
    }
    client.close();
  }
}
