package com.degenduel.realtime.codec.stream;

import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Caps how often something is sent per key. The first request for a key is sent at once; requests
 * within the following interval fold into one send at its end. The sender builds what it sends
 * when it runs, so the latest state always wins and nothing is built for requests folded away.
 * Confined to the event loop of the verticle that created it (timers run on that context).
 */
public final class KeyedThrottle<K> {
  private static final class Window {
    boolean pending;
  }

  private final Vertx vertx;
  private final long intervalMs;
  private final Consumer<K> sender;
  private final Map<K, Window> windows = new HashMap<>();

  public KeyedThrottle(Vertx vertx, long intervalMs, Consumer<K> sender) {
    if (intervalMs <= 0) {
      throw new IllegalArgumentException("interval must be positive");
    }
    this.vertx = vertx;
    this.intervalMs = intervalMs;
    this.sender = sender;
  }

  public void request(K key) {
    Window window = windows.get(key);
    if (window != null) {
      window.pending = true;
      return;
    }
    open(key);
  }

  /** Forgets every key, e.g. when this node stops publishing; timers of forgotten windows do nothing. */
  public void clear() {
    windows.clear();
  }

  private void open(K key) {
    Window window = new Window();
    windows.put(key, window);
    sender.accept(key);
    vertx.setTimer(intervalMs, id -> close(key, window));
  }

  private void close(K key, Window window) {
    if (windows.get(key) != window) {
      return;
    }
    windows.remove(key);
    if (window.pending) {
      open(key);
    }
  }
}
