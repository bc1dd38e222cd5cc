package com.degenduel.realtime.gateway.security;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Handshakes per IP address per minute, in fixed one-minute windows, shared by every gateway
 * instance of the process. Forgetting windows older than a minute keeps memory bounded by the
 * addresses seen in the last minute.
 */
public final class HandshakeRateLimiter {
  private static final long WINDOW_MILLIS = 60_000;

  private record Window(long start, int count) {}

  private final int perMinute;
  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

  public HandshakeRateLimiter(int perMinute) {
    this.perMinute = perMinute;
  }

  public boolean tryAcquire(String ip, long nowMillis) {
    Window w =
        windows.compute(
            ip,
            (k, old) ->
                old == null || nowMillis - old.start() >= WINDOW_MILLIS
                    ? new Window(nowMillis, 1)
                    : new Window(old.start(), old.count() + 1));
    return w.count() <= perMinute;
  }

  public void forgetExpired(long nowMillis) {
    windows.values().removeIf(w -> nowMillis - w.start() >= WINDOW_MILLIS);
  }
}
