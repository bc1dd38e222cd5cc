package com.degenduel.realtime.gateway.metrics;

import com.degenduel.realtime.codec.error.ErrorCode;
import com.degenduel.realtime.codec.message.MessageType;
import com.degenduel.realtime.gateway.endpoint.Endpoint;
import com.degenduel.realtime.node.management.NodeLocal;
import com.degenduel.realtime.node.management.NodeMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Vertx;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Every {@code dd_gateway_} meter, in one place (docs/operations.md lists them). One per process, shared by
 * the gateway's verticle instances: meters are thread-safe, and the per-endpoint connection gauge
 * has to add up every instance's sockets. Meters the hot path touches are created up front and
 * found by array index, never by building a tag list per frame.
 */
public final class GatewayMetrics {
  private static final String KEY = "gateway-metrics";

  private final MeterRegistry registry;
  private final AtomicInteger[] connections = new AtomicInteger[Endpoint.values().length];
  /** Per endpoint, by message type; filled on first use, since most pairs never occur (no MARKET_PRICE on /contest). */
  private final AtomicReferenceArray<Counter> streamedOut =
      new AtomicReferenceArray<>(Endpoint.values().length * MessageType.values().length);
  private final Map<String, Counter> controlOut = new ConcurrentHashMap<>();
  private final Counter[] errorsSent = new Counter[ErrorCode.values().length];
  private final Map<ErrorCode, Counter> authFailures = new ConcurrentHashMap<>();
  private final Map<String, Counter> handshakes = new ConcurrentHashMap<>();
  private final Map<String, Counter> messagesIn = new ConcurrentHashMap<>();
  private final Timer[] latency = new Timer[MessageType.values().length];
  private final DistributionSummary[] fanout = new DistributionSummary[Endpoint.values().length];
  private final Counter[] conflated = new Counter[Endpoint.values().length];
  private final Counter[] heartbeatTimeouts = new Counter[Endpoint.values().length];
  private final Counter[] eventGaps = new Counter[Endpoint.values().length];
  private final Counter[] flushes = new Counter[Endpoint.values().length];
  private final Counter slowByPending;
  private final Counter slowByLag;
  private final Counter handshakeRateHits;
  private final Counter messageRateWarnings;
  private final Counter messageRateCloses;
  private final Counter tlsReloads;
  private final Counter tlsReloadFailures;

  private GatewayMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (Endpoint e : Endpoint.values()) {
      AtomicInteger open = new AtomicInteger();
      connections[e.ordinal()] = open;
      Gauge.builder("dd_gateway_connections", open, AtomicInteger::get)
          .description("Open client connections")
          .tag("endpoint", label(e))
          .register(registry);
      fanout[e.ordinal()] =
          DistributionSummary.builder("dd_gateway_fanout_subscribers")
              .description("Local subscribers one published frame was handed to")
              .tag("endpoint", label(e))
              .serviceLevelObjectives(1, 10, 100, 1_000, 5_000, 10_000, 50_000)
              .register(registry);
      conflated[e.ordinal()] =
          Counter.builder("dd_gateway_conflated_updates")
              .description("State frames replaced by a newer one while waiting for a slow socket")
              .tag("endpoint", label(e))
              .register(registry);
      heartbeatTimeouts[e.ordinal()] =
          Counter.builder("dd_gateway_heartbeat_timeouts")
              .description("Connections closed with 4008 after missing their heartbeats")
              .tag("endpoint", label(e))
              .register(registry);
      eventGaps[e.ordinal()] =
          Counter.builder("dd_gateway_event_gaps_unrepaired")
              .description("Missing live events the stream's history could no longer provide")
              .tag("endpoint", label(e))
              .register(registry);
      flushes[e.ordinal()] =
          Counter.builder("dd_gateway_socket_flushes")
              .description("Flushes of a socket's written frames: each seals a TLS record or more and makes one system call")
              .tag("endpoint", label(e))
              .register(registry);
    }
    for (MessageType t : MessageType.values()) {
      latency[t.ordinal()] =
          NodeMetrics.latencyHistogram("dd_gateway_end_to_end_latency")
              .description("From the event's source timestamp to its frame flushed to the socket")
              .tag("type", t.name())
              .register(registry);
    }
    for (ErrorCode code : ErrorCode.values()) {
      errorsSent[code.ordinal()] =
          Counter.builder("dd_gateway_errors_sent")
              .description("ERROR messages sent to clients")
              .tag("code", code.name())
              .register(registry);
    }
    for (ErrorCode code : new ErrorCode[] {ErrorCode.AUTH_MISSING, ErrorCode.AUTH_INVALID, ErrorCode.AUTH_EXPIRED}) {
      authFailures.put(code, authFailureCounter(code));
    }
    slowByPending = slowConsumer("pending");
    slowByLag = slowConsumer("lag");
    handshakeRateHits = rateLimit("handshakes", "refuse");
    messageRateWarnings = rateLimit("messages", "warn");
    messageRateCloses = rateLimit("messages", "close");
    tlsReloads = tlsReloadCounter("success");
    tlsReloadFailures = tlsReloadCounter("failure");
  }

  /** The gateway metrics of the node {@code vertx} belongs to. */
  /** Metrics recorded into the given registry, for a gateway part used outside a node. */
  public static GatewayMetrics on(MeterRegistry registry) {
    return new GatewayMetrics(registry);
  }

  public static GatewayMetrics of(Vertx vertx) {
    return NodeLocal.get(vertx, KEY, GatewayMetrics.class, () -> new GatewayMetrics(NodeMetrics.of(vertx).registry()));
  }

  private Counter authFailureCounter(ErrorCode code) {
    return Counter.builder("dd_gateway_auth_failures")
        .description("Handshakes refused because the token was missing, invalid or expired")
        .tag("reason", code.name())
        .register(registry);
  }

  private Counter slowConsumer(String reason) {
    return Counter.builder("dd_gateway_slow_consumer_closes")
        .description("Connections closed with 4009: too many frames pending, or unable to take writes for too long")
        .tag("reason", reason)
        .register(registry);
  }

  private Counter rateLimit(String limit, String action) {
    return Counter.builder("dd_gateway_rate_limit_hits")
        .description("Handshakes or messages over their rate limit")
        .tag("limit", limit)
        .tag("action", action)
        .register(registry);
  }

  private Counter tlsReloadCounter(String result) {
    return Counter.builder("dd_gateway_tls_reloads")
        .description("New certificate files served without a restart (success), or refused while the certificate in service stayed (failure)")
        .tag("result", result)
        .register(registry);
  }

  private static String label(Endpoint endpoint) {
    return endpoint.name().toLowerCase(Locale.ROOT);
  }

  /** The outcome of one WebSocket handshake on a known endpoint (or {@code endpoint} null for an unknown path). */
  public void handshake(Endpoint endpoint, HandshakeOutcome outcome) {
    String endpointLabel = endpoint == null ? "none" : label(endpoint);
    handshakes
        .computeIfAbsent(
            endpointLabel + '/' + outcome.label(),
            k ->
                Counter.builder("dd_gateway_handshakes")
                    .description("WebSocket handshakes by endpoint and outcome")
                    .tag("endpoint", endpointLabel)
                    .tag("outcome", outcome.label())
                    .register(registry))
        .increment();
  }

  public void authFailure(ErrorCode reason) {
    authFailures.computeIfAbsent(reason, this::authFailureCounter).increment();
  }

  public void connectionOpened(Endpoint endpoint) {
    connections[endpoint.ordinal()].incrementAndGet();
  }

  public void connectionClosed(Endpoint endpoint) {
    connections[endpoint.ordinal()].decrementAndGet();
  }

  /** One text message from a client, by its type, or {@code INVALID} when it could not be read. */
  public void messageIn(String type) {
    messagesIn
        .computeIfAbsent(
            type,
            t -> Counter.builder("dd_gateway_messages_in").description("Messages received from clients, by type").tag("type", t).register(registry))
        .increment();
  }

  /** One streamed frame written on a socket of {@code endpoint}. */
  public void streamedOut(Endpoint endpoint, MessageType type) {
    int slot = endpoint.ordinal() * MessageType.values().length + type.ordinal();
    Counter counter = streamedOut.get(slot);
    if (counter == null) {
      // Racing instances may both get here: the registry hands both the same counter.
      counter = outCounter(endpoint, type.name());
      streamedOut.set(slot, counter);
    }
    counter.increment();
  }

  /** One control message (ERROR, PONG, SUBSCRIBED...) written on a socket of {@code endpoint}. */
  public void controlOut(Endpoint endpoint, String type) {
    controlOut.computeIfAbsent(label(endpoint) + '/' + type, k -> outCounter(endpoint, type)).increment();
  }

  private Counter outCounter(Endpoint endpoint, String type) {
    return Counter.builder("dd_gateway_messages_out")
        .description("Messages written to clients, by type and endpoint")
        .tag("type", type)
        .tag("endpoint", label(endpoint))
        .register(registry);
  }

  public void errorSent(ErrorCode code) {
    errorsSent[code.ordinal()].increment();
  }

  /**
   * End-to-end latency of one message: now minus its source time. Called once per local fan-out
   * and once per frame that had to wait for its socket, when the frames have been flushed to the
   * sockets (sealed in TLS records and handed to the kernel).
   */
  public void delivered(MessageType type, long eventTimeMillis) {
    latency[type.ordinal()].record(Math.max(0, System.currentTimeMillis() - eventTimeMillis), TimeUnit.MILLISECONDS);
  }

  public void fannedOut(Endpoint endpoint, int subscribers) {
    fanout[endpoint.ordinal()].record(subscribers);
  }

  public void conflated(Endpoint endpoint) {
    conflated[endpoint.ordinal()].increment();
  }

  /** A socket of {@code endpoint} flushed what was written to it. */
  public void flushed(Endpoint endpoint) {
    flushes[endpoint.ordinal()].increment();
  }

  public void heartbeatTimeout(Endpoint endpoint) {
    heartbeatTimeouts[endpoint.ordinal()].increment();
  }

  public void eventGapUnrepaired(Endpoint endpoint) {
    eventGaps[endpoint.ordinal()].increment();
  }

  public void slowConsumerClosed(boolean tooManyPending) {
    (tooManyPending ? slowByPending : slowByLag).increment();
  }

  public void handshakeRateLimited() {
    handshakeRateHits.increment();
  }

  public void messageRateLimited(boolean closed) {
    (closed ? messageRateCloses : messageRateWarnings).increment();
  }

  /** A change of the certificate files, served ({@code true}) or refused. */
  public void tlsReload(boolean served) {
    (served ? tlsReloads : tlsReloadFailures).increment();
  }
}
