package com.degenduel.realtime.gateway;

import static net.logstash.logback.argument.StructuredArguments.kv;

import com.degenduel.realtime.codec.close.CloseCode;
import com.degenduel.realtime.codec.error.ErrorCode;
import com.degenduel.realtime.codec.message.control.ErrorMessage;
import com.degenduel.realtime.codec.stream.StreamInterest;
import com.degenduel.realtime.codec.wire.WireFormat;
import com.degenduel.realtime.gateway.auth.AccessPolicy;
import com.degenduel.realtime.gateway.auth.SocketAuthenticator;
import com.degenduel.realtime.gateway.connection.ClientConnection;
import com.degenduel.realtime.gateway.connection.ConnectionPolicy;
import com.degenduel.realtime.gateway.connection.ConnectionRegistry;
import com.degenduel.realtime.gateway.connection.SocketPipeline;
import com.degenduel.realtime.gateway.connection.WebSocketFootprint;
import com.degenduel.realtime.gateway.connection.InboundFrames;
import com.degenduel.realtime.gateway.demo.DemoPageFiles;
import com.degenduel.realtime.gateway.endpoint.Endpoint;
import com.degenduel.realtime.gateway.endpoint.RequestParser;
import com.degenduel.realtime.gateway.endpoint.RequestRejection;
import com.degenduel.realtime.gateway.fanout.StreamHub;
import com.degenduel.realtime.gateway.metrics.GatewayMetrics;
import com.degenduel.realtime.gateway.metrics.HandshakeOutcome;
import com.degenduel.realtime.gateway.security.GatewayGuards;
import com.degenduel.realtime.node.auth.AuthFailure;
import com.degenduel.realtime.node.auth.Identity;
import com.degenduel.realtime.node.auth.TokenVerifier;
import com.degenduel.realtime.node.cluster.SocketTransport;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.node.management.NodeHealth;
import com.degenduel.realtime.node.tls.ServerTls;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.ServerSSLOptions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public edge: a TLS-only HTTP server whose WebSocket endpoints admit, authenticate and
 * attach each socket to this instance's {@link StreamHub}; in development it also serves the demo
 * page ({@link DemoPageFiles}), on paths of its own. One instance per event loop; instances
 * share the port and the process-wide {@link GatewayGuards}, nothing else. Behind a proxy that
 * terminates TLS ({@code TLS_TERMINATED_BY_PROXY}) it listens without TLS and admits only
 * handshakes the proxy marks as having arrived over HTTPS.
 */
public final class GatewayVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayVerticle.class);
  /**
   * Netty's handshaker echoes any offered subprotocol when it is configured with the wildcard. The
   * token is the subprotocol, so this is what lets browsers (which abort a handshake that offered a
   * subprotocol and got none back) connect at all.
   */
  private static final String ECHO_OFFERED_SUBPROTOCOL = "*";

  private static final AtomicLong CONNECTION_IDS = new AtomicLong();

  private final NodeConfig config;
  private final KeyCertOptions keyCert;
  private final GatewayGuards guards;
  private final DemoPageFiles demoPage;
  private StreamHub hub;
  private ConnectionRegistry connections;
  private ConnectionPolicy policy;
  private SocketAuthenticator authenticator;
  private TokenVerifier verifier;
  private RequestParser parser;
  private Set<String> knownSymbols;
  private HttpServer server;
  /** The listener's TLS settings, which a new certificate is served with; null behind a TLS proxy. */
  private ServerSSLOptions sslOptions;
  private GatewayMetrics metrics;
  private NodeHealth health;
  private boolean draining;
  private boolean behindTlsProxy;

  public GatewayVerticle(NodeConfig config, KeyCertOptions keyCert, GatewayGuards guards, DemoPageFiles demoPage) {
    this.config = config;
    this.keyCert = keyCert;
    this.guards = guards;
    this.demoPage = demoPage;
  }

  @Override
  public Future<?> start() {
    health = NodeHealth.of(vertx);
    NodeHealth.Hold listening = health.hold("gateway listener not bound");
    metrics = GatewayMetrics.of(vertx);
    policy = ConnectionPolicy.from(config);
    hub = new StreamHub(vertx, config.getMillis(Setting.SNAPSHOT_TIMEOUT_MS), metrics);
    connections = new ConnectionRegistry(vertx, policy);
    verifier = TokenVerifier.create(vertx, config);
    authenticator = new SocketAuthenticator(verifier);
    knownSymbols = Set.copyOf(config.getList(Setting.MARKET_SYMBOLS));
    parser = new RequestParser(knownSymbols, policy.maxSymbols());
    int maxFrame = config.getInt(Setting.MAX_FRAME_BYTES);
    behindTlsProxy = config.getBoolean(Setting.TLS_TERMINATED_BY_PROXY);
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(config.get(Setting.GATEWAY_HOST))
            .setPort(config.getInt(Setting.GATEWAY_PORT))
            .setWebSocketSubProtocols(List.of(ECHO_OFFERED_SUBPROTOCOL))
            // Every socket is only ever touched on its own event loop (handlers, bus consumers and
            // timers all run on this verticle's context). Saying so lets Vert.x write straight to
            // the channel instead of through a multi-producer queue per connection, whose
            // preallocated 1,025-slot array was 4 KB of every idle socket and whose drain was the
            // largest single cost of a write.
            .setStrictThreadMode(true)
            // Every published frame is encoded once and its bytes shared by all subscribers;
            // compression would redo that work per socket, and a deflater per socket costs far more
            // memory than the socket itself. Browsers offer permessage-deflate; it is declined.
            .setPerMessageWebSocketCompressionSupported(false)
            .setPerFrameWebSocketCompressionSupported(false)
            .setMaxWebSocketFrameSize(maxFrame)
            .setMaxWebSocketMessageSize(maxFrame);
    if (!behindTlsProxy) {
      options
          .setSsl(true)
          .setSslEngineOptions(ServerTls.engine(config))
          .setKeyCertOptions(keyCert)
          .setEnabledSecureTransportProtocols(ServerTls.PROTOCOLS);
      sslOptions = options.getSslOptions().copy();
    }
    server =
        vertx.createHttpServer(options)
            .webSocketHandshakeHandler(this::onHandshake)
            .requestHandler(this::onPlainRequest);
    connections.start();
    vertx.setPeriodic(60_000, t -> guards.handshakes().forgetExpired(System.currentTimeMillis()));
    vertx.setPeriodic(StreamInterest.RENEW_EVERY.toMillis(), t -> hub.renewInterest());
    return hub.start()
        .compose(v -> server.listen())
        .onSuccess(
            s -> {
              listening.release();
              LOG.info(
                  "gateway listening on {}://{}:{} (tls engine {}, transport {})",
                  behindTlsProxy ? "ws (TLS terminated by the proxy)" : "wss",
                  options.getHost(),
                  s.actualPort(),
                  behindTlsProxy ? "none" : ServerTls.describe(options.getSslEngineOptions()),
                  SocketTransport.describe(vertx));
            });
  }

  /**
   * Graceful drain: report not ready first (so load balancers stop sending), refuse new sockets,
   * close the open ones with 1012 over the drain window, then leave.
   */
  @Override
  public Future<?> stop() {
    health.draining("gateway");
    draining = true;
    LOG.info("draining {} connections", connections.size());
    return connections
        .drain(config.getMillis(Setting.DRAIN_WINDOW_MS))
        .compose(v -> server.close())
        .compose(v -> hub.stop());
  }

  /** The port actually bound, for tests that listen on port 0. */
  public int port() {
    return server.actualPort();
  }

  /**
   * Serves {@code keyCert} to new TLS connections from now on; open ones keep the certificate they
   * were handshaken with. Instances that share a port share one listener, so the first of them to
   * be handed the material loads it and the others find it in place (their future is then false).
   */
  public Future<Boolean> updateKeyCert(KeyCertOptions keyCert) {
    Promise<Boolean> updated = Promise.promise();
    context.runOnContext(
        v -> {
          if (sslOptions == null || draining) {
            updated.complete(false);
          } else {
            server.updateSSLOptions(sslOptions.copy().setKeyCertOptions(keyCert)).onComplete(updated);
          }
        });
    return updated.future();
  }

  public StreamHub hub() {
    return hub;
  }

  /** Open connections of this instance, read on its own event loop. */
  public Future<Integer> connectionCount() {
    Promise<Integer> count = Promise.promise();
    context.runOnContext(v -> count.complete(connections.size()));
    return count.future();
  }

  public boolean isDraining() {
    return draining;
  }

  private void onPlainRequest(HttpServerRequest request) {
    if (demoPage.serve(request)) {
      return;
    }
    boolean endpoint = Endpoint.of(request.path()) != null;
    request.response().setStatusCode(endpoint ? 426 : 404).putHeader("Upgrade", "websocket").end();
  }

  private void onHandshake(ServerWebSocketHandshake handshake) {
    Endpoint endpoint = Endpoint.of(handshake.path());
    if (endpoint == null) {
      metrics.handshake(null, HandshakeOutcome.NOT_FOUND);
      handshake.reject(404);
      return;
    }
    if (draining) {
      metrics.handshake(endpoint, HandshakeOutcome.DRAINING);
      handshake.reject(503);
      return;
    }
    if (behindTlsProxy && !"https".equalsIgnoreCase(handshake.headers().get("X-Forwarded-Proto"))) {
      // The proxy forwards plain-HTTP requests too; admitting one would carry its token in clear text to the proxy.
      metrics.handshake(endpoint, HandshakeOutcome.NOT_FORWARDED_HTTPS);
      LOG.info("handshake from {} refused: not marked X-Forwarded-Proto: https", handshake.remoteAddress());
      handshake.reject(403);
      return;
    }
    if (!guards.origins().allows(handshake.headers().get("Origin"))) {
      metrics.handshake(endpoint, HandshakeOutcome.ORIGIN_REFUSED);
      LOG.info(
          "handshake refused {} {} {}",
          kv("event", "origin_refused"), kv("remote", String.valueOf(handshake.remoteAddress())),
          kv("origin", handshake.headers().get("Origin")));
      handshake.reject(403);
      return;
    }
    boolean withinRate =
        guards.handshakes().tryAcquire(handshake.remoteAddress().hostAddress(), System.currentTimeMillis());
    handshake
        .accept()
        .onSuccess(
            socket -> {
              // Admission is asynchronous (token, cluster-wide wallet count): hold the client's
              // frames until the connection's handlers are in place, so none is dropped.
              socket.pause();
              SocketPipeline.install(socket);
              socket.exceptionHandler(e -> refuseEarly(socket, endpoint, e));
              if (withinRate) {
                authenticate(endpoint, handshake, socket);
              } else {
                metrics.handshake(endpoint, HandshakeOutcome.RATE_LIMITED);
                metrics.handshakeRateLimited();
                closeWith(socket, endpoint, ErrorMessage.of(ErrorCode.RATE_LIMITED, "too many handshakes from this address"), CloseCode.POLICY_VIOLATION);
              }
            });
  }

  private void authenticate(Endpoint endpoint, ServerWebSocketHandshake handshake, ServerWebSocket socket) {
    authenticator
        .authenticate(handshake.headers())
        .onSuccess(identity -> admit(endpoint, socket, identity))
        .onFailure(
            e -> {
              ErrorCode code = e instanceof AuthFailure failure ? failure.code() : ErrorCode.AUTH_INVALID;
              String message = e instanceof AuthFailure ? e.getMessage() : code.description();
              metrics.handshake(endpoint, HandshakeOutcome.AUTH_FAILED);
              metrics.authFailure(code);
              LOG.info(
                  "authentication failed {} {} {}",
                  kv("reason", code.name()), kv("endpoint", endpoint.name()), kv("remote", String.valueOf(socket.remoteAddress())),
                  kv("event", "auth_failed"));
              closeWith(socket, endpoint, ErrorMessage.of(code, message), CloseCode.UNAUTHORIZED);
            });
  }

  private void admit(Endpoint endpoint, ServerWebSocket socket, Identity identity) {
    RequestParser.Result parsed = parser.parse(endpoint, socket.path(), socket.query());
    if (parsed.rejection() != null) {
      reject(socket, endpoint, parsed.rejection());
      return;
    }
    AccessPolicy.Decision decision = AccessPolicy.decide(identity, parsed.request());
    if (decision.rejection() != null) {
      reject(socket, endpoint, decision.rejection());
      return;
    }
    guards
        .wallets()
        .tryAcquire(identity.wallet())
        .onComplete(
            admitted -> {
              if (admitted.failed() || !admitted.result()) {
                metrics.handshake(endpoint, HandshakeOutcome.TOO_MANY_CONNECTIONS);
                LOG.info(
                    "connection refused {} {}", kv("wallet", identity.wallet()), kv("reason", ErrorCode.TOO_MANY_CONNECTIONS.name()),
                    kv("event", "connection_refused"));
                closeWith(socket, endpoint, ErrorMessage.of(ErrorCode.TOO_MANY_CONNECTIONS), CloseCode.POLICY_VIOLATION);
              } else if (socket.isClosed()) {
                guards.wallets().release(identity.wallet());
              } else {
                attach(endpoint, socket, identity, parsed, decision);
              }
            });
  }

  private void attach(
      Endpoint endpoint,
      ServerWebSocket socket,
      Identity identity,
      RequestParser.Result parsed,
      AccessPolicy.Decision decision) {
    ClientConnection connection =
        new ClientConnection(
            CONNECTION_IDS.incrementAndGet(),
            socket,
            endpoint,
            identity,
            hub,
            verifier,
            policy,
            knownSymbols,
            metrics,
            this::onConnectionClosed);
    connections.add(connection);
    metrics.handshake(endpoint, HandshakeOutcome.ADMITTED);
    metrics.connectionOpened(endpoint);
    LOG.info(
        "connection opened {} {} {}",
        kv("connection_id", connection.id()), kv("wallet", identity.wallet()), kv("endpoint", endpoint.name()),
        kv("remote", String.valueOf(socket.remoteAddress())), kv("event", "connection_opened"));
    for (String unknown : parsed.unknownSymbols()) {
      connection.notify(ErrorMessage.of(ErrorCode.UNKNOWN_SYMBOL, "symbol " + unknown + " is not traded here"));
    }
    if (parsed.resumeProblem() != null) {
      connection.notify(ErrorMessage.of(ErrorCode.INVALID_RESUME, parsed.resumeProblem()));
    }
    connection.start(decision.streams(), parsed.request().resume());
    WebSocketFootprint.forgetUpgrade(socket);
  }

  private void onConnectionClosed(ClientConnection connection) {
    connections.remove(connection);
    guards.wallets().release(connection.identity().wallet());
    metrics.connectionClosed(connection.endpoint());
    LOG.info(
        "connection closed {} {} {} {}",
        kv("connection_id", connection.id()), kv("wallet", connection.identity().wallet()),
        kv("close_code", connection.closeCode()), kv("close_reason", connection.closeReason()),
        kv("endpoint", connection.endpoint().name()), kv("event", "connection_closed"));
  }

  /** A protocol violation (an oversized frame) can arrive while admission is still running. */
  private void refuseEarly(ServerWebSocket socket, Endpoint endpoint, Throwable error) {
    CloseCode close = InboundFrames.closeCodeOf(error);
    if (close != null && !socket.isClosed()) {
      ErrorCode code = close == CloseCode.MESSAGE_TOO_BIG ? ErrorCode.MESSAGE_TOO_LARGE : ErrorCode.INVALID_MESSAGE;
      closeWith(socket, endpoint, ErrorMessage.of(code, "protocol violation"), close);
    }
  }

  private void reject(ServerWebSocket socket, Endpoint endpoint, RequestRejection rejection) {
    metrics.handshake(endpoint, HandshakeOutcome.REQUEST_REJECTED);
    closeWith(socket, endpoint, ErrorMessage.of(rejection.code(), rejection.message()), rejection.close());
  }

  private void closeWith(ServerWebSocket socket, Endpoint endpoint, ErrorMessage error, CloseCode close) {
    socket.writeTextMessage(WireFormat.encode(error));
    metrics.controlOut(endpoint, error.type());
    metrics.errorSent(error.code());
    socket.close(close.code(), close.name());
  }
}
