package com.degenduel.realtime.gateway.connection;

import com.degenduel.realtime.codec.close.CloseCode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The open connections of one gateway instance. One periodic sweep checks every connection's
 * deadlines (heartbeat, token expiry, slow consumer) rather than a timer per socket, which keeps a
 * connection's cost to a few objects.
 */
public final class ConnectionRegistry {
  private static final long DRAIN_TICK_MILLIS = 100;

  private final Vertx vertx;
  private final ConnectionPolicy policy;
  private final Map<Long, ClientConnection> open = new HashMap<>();
  private long sweepTimer = -1;

  public ConnectionRegistry(Vertx vertx, ConnectionPolicy policy) {
    this.vertx = vertx;
    this.policy = policy;
  }

  public void start() {
    sweepTimer = vertx.setPeriodic(policy.sweepInterval().toMillis(), t -> sweep());
  }

  public void add(ClientConnection connection) {
    open.put(connection.id(), connection);
  }

  public void remove(ClientConnection connection) {
    open.remove(connection.id());
  }

  public int size() {
    return open.size();
  }

  private void sweep() {
    long nowNanos = System.nanoTime();
    Instant now = Instant.now();
    for (ClientConnection connection : List.copyOf(open.values())) {
      connection.checkDeadlines(nowNanos, now);
    }
  }

  /**
   * Closes every connection with 1012, spread evenly over {@code window} so that clients reconnect
   * to other gateways without arriving all at once.
   */
  public Future<Void> drain(Duration window) {
    vertx.cancelTimer(sweepTimer);
    List<ClientConnection> remaining = new ArrayList<>(open.values());
    if (remaining.isEmpty()) {
      return Future.succeededFuture();
    }
    long ticks = Math.max(1, window.toMillis() / DRAIN_TICK_MILLIS);
    int perTick = (int) Math.ceil(remaining.size() / (double) ticks);
    Promise<Void> drained = Promise.promise();
    vertx.setPeriodic(
        DRAIN_TICK_MILLIS,
        timer -> {
          for (int i = 0; i < perTick && !remaining.isEmpty(); i++) {
            remaining.remove(remaining.size() - 1).close(CloseCode.SERVICE_RESTART);
          }
          if (remaining.isEmpty()) {
            vertx.cancelTimer(timer);
            drained.complete();
          }
        });
    return drained.future();
  }
}
