package com.degenduel.realtime.market.breaker;

import static net.logstash.logback.argument.StructuredArguments.kv;

import com.degenduel.realtime.codec.message.market.MarketAvailability;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.node.management.NodeMetrics;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The circuit breaker of the market-data source. The source reports what happens to it rather than
 * the breaker wrapping each call, because a pushed source makes no calls: trades arriving are
 * successes; a failed or slow call, a dropped, refused or silent connection and an unreadable
 * message are failures. BREAKER_MAX_FAILURES failures with no success between open the breaker;
 * after BREAKER_RESET_TIMEOUT_MS it turns half-open, and the next report decides between closing
 * (trades arrive) and opening again. While it is open a polled source asks nothing; a pushed
 * source keeps reconnecting with its own backoff, and its first trades close the breaker once it is
 * half-open.
 *
 * <p>Every state change is logged and reported as a {@link MarketAvailability}: open and half-open
 * are unavailable, closed is available. {@code since} is when the current availability began, so
 * the repeated "unavailable" of an open, half-open, open cycle carries the same {@code since} and
 * a listener can tell it is not a new outage. Confined to the market verticle's event loop.
 */
public final class SourceBreaker {
  private static final Logger LOG = LoggerFactory.getLogger(SourceBreaker.class);
  /**
   * Failures count towards opening while no success comes between them. Vert.x also forgets
   * failures older than a rolling window; a silent stream fails once per MARKET_STREAM_SILENCE_MS,
   * so the window is long enough for any sensible number of those.
   */
  private static final Duration FAILURE_MEMORY = Duration.ofMinutes(10);

  private final CircuitBreaker breaker;
  private final String breakerName;
  private final BreakerMetrics metrics;
  private final Context context;
  private final Consumer<MarketAvailability> availabilityListener;
  private MarketAvailability availability = new MarketAvailability(true, Instant.now());
  private boolean failedSinceSuccess;

  public SourceBreaker(Vertx vertx, String sourceName, NodeConfig config, Consumer<MarketAvailability> availabilityListener) {
    this.availabilityListener = availabilityListener;
    this.context = vertx.getOrCreateContext();
    long resetMs = config.getLong(Setting.BREAKER_RESET_TIMEOUT_MS);
    int maxFailures = config.getInt(Setting.BREAKER_MAX_FAILURES);
    this.breakerName = "market-source-" + sourceName;
    this.metrics = new BreakerMetrics(NodeMetrics.of(vertx).registry(), breakerName);
    this.breaker =
        CircuitBreaker.create(
                breakerName,
                vertx,
                new CircuitBreakerOptions()
                    .setMaxFailures(maxFailures)
                    // Sources time their own calls out; a reported failure is already complete.
                    .setTimeout(-1)
                    .setResetTimeout(resetMs)
                    .setFailuresRollingWindow(FAILURE_MEMORY.toMillis())
                    // State changes are reported on our own address; the breaker's periodic bus broadcast is noise.
                    .setNotificationAddress(null))
            .openHandler(v -> entered(CircuitBreakerState.OPEN, "OPEN; serving last known prices, probing again in " + resetMs + " ms"))
            .halfOpenHandler(v -> entered(CircuitBreakerState.HALF_OPEN, "HALF-OPEN: probing the source"))
            .closeHandler(v -> entered(CircuitBreakerState.CLOSED, "CLOSED: source answers again"));
  }

  /** Counts, logs and reports a state change; only the opening is a warning. */
  private void entered(CircuitBreakerState state, String what) {
    metrics.entered(state);
    Object[] details = {what, kv("breaker", breakerName), kv("state", state.name().toLowerCase(Locale.ROOT)), kv("event", "breaker_state_changed")};
    if (state == CircuitBreakerState.OPEN) {
      LOG.warn("market source circuit breaker {} {} {}", details);
    } else {
      LOG.info("market source circuit breaker {} {} {}", details);
    }
    changed(state == CircuitBreakerState.CLOSED);
  }

  private void changed(boolean available) {
    MarketAvailability now =
        availability.available() == available ? new MarketAvailability(available, availability.since())
            : new MarketAvailability(available, Instant.now());
    availability = now;
    availabilityListener.accept(now);
  }

  /**
   * The source delivered. Cheap when nothing is to be done, since a pushed source reports every
   * trade: only after a failure, or while the breaker is not closed, does it reach the breaker,
   * whose reset forgets the failures and closes a half-open breaker (an open one waits for its
   * half-open turn). The breaker takes a failure in on a later turn of the event loop, so the reset
   * is queued behind it: a success then follows the failures reported before it.
   */
  public void succeeded() {
    if (failedSinceSuccess || breaker.state() != CircuitBreakerState.CLOSED) {
      failedSinceSuccess = false;
      context.runOnContext(v -> breaker.reset());
    }
  }

  /** One failure of the source; while the breaker is open it changes nothing. */
  public void failed(Throwable cause) {
    failedSinceSuccess = true;
    breaker.<Void>execute(attempt -> attempt.fail(cause));
  }

  /** True while the breaker is open. */
  public boolean isOpen() {
    return breaker.state() == CircuitBreakerState.OPEN;
  }

  public MarketAvailability availability() {
    return availability;
  }

  public void close() {
    breaker.close();
  }
}
