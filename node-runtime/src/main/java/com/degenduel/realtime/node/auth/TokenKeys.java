package com.degenduel.realtime.node.auth;

import static net.logstash.logback.argument.StructuredArguments.kv;

import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.node.management.NodeHealth;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.auth.jwt.JWTAuth;
import java.util.Locale;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys tokens are verified with, as they stand now. A fixed secret is there from the start; a
 * public key file is read once; a key set (JWT_JWKS) is read again every JWT_JWKS_REFRESH_MS, and
 * at once, though at most every JWT_JWKS_MIN_REFRESH_MS, when a token names a key it does not
 * hold. Each read builds a new verifier that replaces the old one in one step, so a token is
 * verified either by the old set or by the new one, never by half of each; a read that fails
 * leaves the keys loaded before in force. Until the first read succeeds, the node is not ready.
 */
final class TokenKeys {
  private static final Logger LOG = LoggerFactory.getLogger(TokenKeys.class);

  /** One verifier and what it holds, for the log. */
  record Loaded(JWTAuth verifier, String holds) {}

  private final KeySource source;
  private final Function<Buffer, Loaded> parse;
  private final boolean reloadable;
  private final long minRefreshNanos;
  private volatile Loaded current;
  private volatile long version;
  // Guarded by this: reads are started from several threads (timer, verifying event loops, tests).
  private Buffer material;
  private NodeHealth.Hold notLoaded;
  private Future<Loaded> reading;
  private long lastExtraRead;
  private boolean extraReadBefore;

  private TokenKeys(KeySource source, Function<Buffer, Loaded> parse, boolean reloadable, long minRefreshMs) {
    this.source = source;
    this.parse = parse;
    this.reloadable = reloadable;
    this.minRefreshNanos = minRefreshMs * 1_000_000;
  }

  static TokenKeys from(Vertx vertx, NodeConfig config) {
    if (config.isSet(Setting.JWT_JWKS)) {
      if (config.isSet(Setting.JWT_PUBLIC_KEY)) {
        throw new IllegalArgumentException("set DD_JWT_JWKS or DD_JWT_PUBLIC_KEY, not both");
      }
      long refreshMs = positive(config, Setting.JWT_JWKS_REFRESH_MS);
      KeySource source = KeySource.at(vertx, config.get(Setting.JWT_JWKS).trim());
      TokenKeys keys = new TokenKeys(source, text -> JwkSet.parse(vertx, text), true, positive(config, Setting.JWT_JWKS_MIN_REFRESH_MS));
      keys.firstRead(vertx);
      vertx.setPeriodic(refreshMs, id -> keys.read());
      return keys;
    }
    String algorithm = config.get(Setting.JWT_ALGORITHM).trim().toUpperCase(Locale.ROOT);
    if (!JwtKeys.ALGORITHMS.contains(algorithm)) {
      throw new IllegalArgumentException("DD_JWT_ALGORITHM must be one of " + JwtKeys.ALGORITHMS);
    }
    if (algorithm.equals("HS256")) {
      String secret = config.get(Setting.JWT_SECRET);
      if (secret.equals(Setting.JWT_SECRET.defaultValue()) && !config.getBoolean(Setting.DEV_MODE)) {
        throw new IllegalArgumentException(
            "refusing to start: tokens would be verified with the publicly known development secret (DD_JWT_SECRET's "
                + "default); set DD_JWT_JWKS, DD_JWT_PUBLIC_KEY or a secret of your own, or DD_DEV_MODE=true on a development machine");
      }
      TokenKeys keys = new TokenKeys(null, null, false, 0);
      keys.install(null, new Loaded(JwtKeys.sharedSecret(vertx, secret), "the HS256 secret"));
      return keys;
    }
    if (!config.isSet(Setting.JWT_PUBLIC_KEY)) {
      throw new IllegalArgumentException("DD_JWT_PUBLIC_KEY is required for " + algorithm);
    }
    KeySource file = new KeySource.File(vertx, config.get(Setting.JWT_PUBLIC_KEY).trim());
    TokenKeys keys = new TokenKeys(
        file, pem -> new Loaded(JwtKeys.publicKey(vertx, algorithm, pem.toString()), "one " + algorithm + " public key"), false,
        positive(config, Setting.JWT_JWKS_MIN_REFRESH_MS));
    keys.firstRead(vertx);
    return keys;
  }

  private static long positive(NodeConfig config, Setting setting) {
    long value = config.getLong(setting);
    if (value < 1) {
      throw new IllegalArgumentException(setting.env() + " must be at least 1");
    }
    return value;
  }

  /** The keys now; before the first read has succeeded, the outcome of another read (one per minimum interval). */
  Future<Loaded> current() {
    Loaded keys = current;
    return keys != null ? Future.succeededFuture(keys) : extraRead();
  }

  /**
   * The keys after a token named a key (kid, or algorithm) that {@code tried} does not hold: the
   * set may have gained it since it was read. The same keys when they cannot change or were read
   * too recently.
   */
  Future<Loaded> afterUnknownKey(Loaded tried) {
    return reloadable ? extraRead() : Future.succeededFuture(tried);
  }

  /** Changes whenever the keys do: a token verified under one version is not known to verify under the next. */
  long version() {
    return version;
  }

  private void firstRead(Vertx vertx) {
    synchronized (this) {
      notLoaded = NodeHealth.of(vertx).hold("token keys not loaded from " + source);
    }
    read();
  }

  private synchronized Future<Loaded> extraRead() {
    if (reading != null) {
      return reading;
    }
    long now = System.nanoTime();
    if (extraReadBefore && now - lastExtraRead < minRefreshNanos) {
      Loaded keys = current;
      return keys != null ? Future.succeededFuture(keys) : Future.failedFuture(new KeysUnavailable());
    }
    extraReadBefore = true;
    lastExtraRead = now;
    return read();
  }

  /** One read at a time: whoever asks while one runs gets its outcome. */
  private synchronized Future<Loaded> read() {
    if (reading != null) {
      return reading;
    }
    Promise<Loaded> outcome = Promise.promise();
    Future<Loaded> result = outcome.future();
    reading = result;
    source.read()
        .map(this::installIfChanged)
        .onComplete(r -> {
          synchronized (this) {
            reading = null;
          }
          if (r.failed()) {
            if (current == null) {
              LOG.error("token keys not loaded {} {} {}", kv("source", source.toString()), kv("reason", r.cause().getMessage()),
                  kv("event", "token_keys_failed"));
            } else {
              LOG.warn("token keys not read again, the keys loaded before stay in force {} {} {}", kv("source", source.toString()),
                  kv("reason", r.cause().getMessage()), kv("event", "token_keys_failed"));
            }
            Loaded before = current;
            if (before == null) {
              outcome.fail(new KeysUnavailable());
            } else {
              outcome.complete(before);
            }
            return;
          }
          outcome.complete(r.result());
        });
    return result;
  }

  private synchronized Loaded installIfChanged(Buffer text) {
    if (current != null && text.equals(material)) {
      return current;
    }
    return install(text, parse.apply(text));
  }

  private synchronized Loaded install(Buffer text, Loaded loaded) {
    material = text;
    current = loaded;
    version++;
    if (notLoaded != null) {
      notLoaded.release();
      notLoaded = null;
    }
    if (source != null) {
      LOG.info("token keys loaded {} {} {}", kv("source", source.toString()), kv("keys", loaded.holds()), kv("event", "token_keys_loaded"));
    }
    return loaded;
  }

  /** No key has been loaded yet: the source could not be read, or holds no usable key. */
  static final class KeysUnavailable extends RuntimeException {
    KeysUnavailable() {
      super("the token keys are not loaded", null, false, false);
    }
  }
}
