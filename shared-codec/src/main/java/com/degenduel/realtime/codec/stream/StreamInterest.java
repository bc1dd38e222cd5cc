package com.degenduel.realtime.codec.stream;

import java.time.Duration;
import java.util.List;

/**
 * A gateway hub's interest in streams of one kind, sent to {@link Addresses#interest}: {@code
 * watching} renews it for the listed keys (a hub renews all its streams periodically, since an
 * interest expires unless renewed), or ends it when the hub's last socket on a stream has gone.
 */
public record StreamInterest(String watcher, StreamKind kind, List<String> keys, boolean watching) {
  /** How long an interest lasts unless renewed: a gateway that dies stops costing after this. */
  public static final Duration TTL = Duration.ofSeconds(60);
  /** How often a gateway renews its interests: three renewals per TTL, so one lost renewal is harmless. */
  public static final Duration RENEW_EVERY = TTL.dividedBy(3);
  /** Most keys in one renewal message. */
  public static final int MAX_KEYS = 1000;

  public StreamInterest {
    keys = List.copyOf(keys);
  }
}
