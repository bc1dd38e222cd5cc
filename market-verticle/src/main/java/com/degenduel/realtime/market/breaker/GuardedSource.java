package com.degenduel.realtime.market.breaker;

import static net.logstash.logback.argument.StructuredArguments.kv;

import com.degenduel.realtime.codec.message.market.MarketAvailability;
import com.degenduel.realtime.market.source.MarketDataSource;
import com.degenduel.realtime.market.source.Trade;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.node.management.NodeMetrics;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link MarketDataSource} behind a circuit breaker. Errors, unreadable answers and answers
 * slower than MARKET_SOURCE_TIMEOUT_MS all count as failures; BREAKER_MAX_FAILURES of them open
 * the breaker, calls then fail at once without touching the source, and after
 * BREAKER_RESET_TIMEOUT_MS one half-open probe decides between closing and opening again.
 *
 * <p>Every state change is logged and reported as a {@link MarketAvailability}: open and half-open
 * are unavailable, closed is available. {@code since} is when the current availability began, so
 * the repeated "unavailable" of an open, half-open, open cycle carries the same {@code since} and
 * a listener can tell it is not a new outage.
 */
public final class GuardedSource {
  private static final Logger LOG = LoggerFactory.getLogger(GuardedSource.class);

  private final MarketDataSource source;
  private final CircuitBreaker breaker;
  private final Consumer<MarketAvailability> availabilityListener;
  private volatile MarketAvailability availability = new MarketAvailability(true, Instant.now());

  public GuardedSource(
      Vertx vertx, MarketDataSource source, String sourceName, NodeConfig config, Consumer<MarketAvailability> availabilityListener) {
    this.source = source;
    this.availabilityListener = availabilityListener;
    long timeoutMs = config.getLong(Setting.MARKET_SOURCE_TIMEOUT_MS);
    long resetMs = config.getLong(Setting.BREAKER_RESET_TIMEOUT_MS);
    int maxFailures = config.getInt(Setting.BREAKER_MAX_FAILURES);
    String breakerName = "market-source-" + sourceName;
    BreakerMetrics metrics = new BreakerMetrics(NodeMetrics.of(vertx).registry(), breakerName);
    this.breaker =
        CircuitBreaker.create(
                breakerName,
                vertx,
                new CircuitBreakerOptions()
                    .setMaxFailures(maxFailures)
                    .setTimeout(timeoutMs)
                    .setResetTimeout(resetMs)
                    // State changes are reported on our own address; the breaker's periodic bus broadcast is noise.
                    .setNotificationAddress(null))
            .openHandler(
                v -> {
                  metrics.entered(CircuitBreakerState.OPEN);
                  LOG.warn(
                      "market source circuit breaker OPEN; serving last known prices, probing again in {} ms {} {}",
                      resetMs, kv("breaker", breakerName), kv("state", "open"), kv("event", "breaker_state_changed"));
                  changed(false);
                })
            .halfOpenHandler(
                v -> {
                  metrics.entered(CircuitBreakerState.HALF_OPEN);
                  LOG.info(
                      "market source circuit breaker HALF-OPEN: probing the source {} {}",
                      kv("breaker", breakerName), kv("state", "half_open"), kv("event", "breaker_state_changed"));
                  changed(false);
                })
            .closeHandler(
                v -> {
                  metrics.entered(CircuitBreakerState.CLOSED);
                  LOG.info(
                      "market source circuit breaker CLOSED: source answers again {} {}",
                      kv("breaker", breakerName), kv("state", "closed"), kv("event", "breaker_state_changed"));
                  changed(true);
                });
  }

  private void changed(boolean available) {
    MarketAvailability now =
        availability.available() == available ? new MarketAvailability(available, availability.since())
            : new MarketAvailability(available, Instant.now());
    availability = now;
    availabilityListener.accept(now);
  }

  public Future<List<Trade>> recentTrades(String symbol, int limit) {
    return breaker.execute(() -> source.recentTrades(symbol, limit));
  }

  public MarketAvailability availability() {
    return availability;
  }


  public Future<Void> close() {
    breaker.close();
    return source.close();
  }
}
