package com.degenduel.realtime.market.breaker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.circuitbreaker.CircuitBreakerState;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** {@code dd_market_breaker_state} and {@code dd_market_breaker_transitions} of one circuit breaker. */
final class BreakerMetrics {
  private final AtomicInteger state = new AtomicInteger(gaugeValue(CircuitBreakerState.CLOSED));
  private final Map<CircuitBreakerState, Counter> transitions = new EnumMap<>(CircuitBreakerState.class);

  BreakerMetrics(MeterRegistry registry, String breaker) {
    Gauge.builder("dd_market_breaker_state", state, AtomicInteger::get)
        .description("Circuit breaker of the market-data source: 0 closed, 1 half-open, 2 open")
        .tag("breaker", breaker)
        .register(registry);
    for (CircuitBreakerState s : CircuitBreakerState.values()) {
      transitions.put(
          s,
          Counter.builder("dd_market_breaker_transitions")
              .description("Circuit breaker state changes, by the state entered")
              .tag("breaker", breaker)
              .tag("to", s.name().toLowerCase(Locale.ROOT))
              .register(registry));
    }
  }

  void entered(CircuitBreakerState entered) {
    state.set(gaugeValue(entered));
    transitions.get(entered).increment();
  }

  /** Ordered by severity, so a dashboard can colour thresholds: closed, half-open, open. */
  private static int gaugeValue(CircuitBreakerState s) {
    return switch (s) {
      case CLOSED -> 0;
      case HALF_OPEN -> 1;
      case OPEN -> 2;
    };
  }
}
