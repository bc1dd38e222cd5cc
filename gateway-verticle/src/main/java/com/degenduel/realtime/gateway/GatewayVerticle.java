package com.degenduel.realtime.gateway;

import com.degenduel.realtime.codec.close.CloseCode;
import com.degenduel.realtime.codec.error.ErrorCode;
import com.degenduel.realtime.codec.message.control.ErrorMessage;
import com.degenduel.realtime.gateway.auth.AccessPolicy;
import com.degenduel.realtime.gateway.auth.SocketAuthenticator;
import com.degenduel.realtime.gateway.connection.ClientConnection;
import com.degenduel.realtime.gateway.endpoint.Endpoint;
import com.degenduel.realtime.gateway.endpoint.RequestParser;
import com.degenduel.realtime.gateway.endpoint.RequestRejection;
import com.degenduel.realtime.gateway.fanout.StreamHub;
import com.degenduel.realtime.node.auth.AuthFailure;
import com.degenduel.realtime.node.auth.Identity;
import com.degenduel.realtime.node.auth.TokenVerifier;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.node.tls.ServerTls;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.net.KeyCertOptions;
import java.util.HashSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public edge: a TLS-only HTTP server whose WebSocket endpoints authenticate each socket and
 * attach it to this instance's {@link StreamHub}. One instance per event loop; instances share the
 * port and nothing else.
 */
public final class GatewayVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayVerticle.class);
  /**
   * Netty's handshaker echoes any offered subprotocol when it is configured with the wildcard. The
   * token is the subprotocol, so this is what lets browsers (which abort a handshake that offered a
   * subprotocol and got none back) connect at all.
   */
  private static final String ECHO_OFFERED_SUBPROTOCOL = "*";

  private final NodeConfig config;
  private final KeyCertOptions keyCert;
  private StreamHub hub;
  private SocketAuthenticator authenticator;
  private RequestParser parser;
  private HttpServer server;

  public GatewayVerticle(NodeConfig config, KeyCertOptions keyCert) {
    this.config = config;
    this.keyCert = keyCert;
  }

  @Override
  public Future<?> start() {
    hub = new StreamHub(vertx.eventBus(), config.getMillis(Setting.SNAPSHOT_TIMEOUT_MS));
    authenticator = new SocketAuthenticator(TokenVerifier.create(vertx, config));
    parser = new RequestParser(new HashSet<>(config.getList(Setting.MARKET_SYMBOLS)), config.getInt(Setting.MAX_SYMBOLS_PER_CONNECTION));
    int maxFrame = config.getInt(Setting.MAX_FRAME_BYTES);
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(config.get(Setting.GATEWAY_HOST))
            .setPort(config.getInt(Setting.GATEWAY_PORT))
            .setSsl(true)
            .setKeyCertOptions(keyCert)
            .setEnabledSecureTransportProtocols(ServerTls.PROTOCOLS)
            .setWebSocketSubProtocols(List.of(ECHO_OFFERED_SUBPROTOCOL))
            .setMaxWebSocketFrameSize(maxFrame)
            .setMaxWebSocketMessageSize(maxFrame);
    server =
        vertx.createHttpServer(options)
            .webSocketHandshakeHandler(this::onHandshake)
            .requestHandler(this::onPlainRequest);
    return hub.start()
        .compose(v -> server.listen())
        .onSuccess(s -> LOG.info("gateway listening on wss://{}:{}", options.getHost(), s.actualPort()));
  }

  @Override
  public Future<?> stop() {
    return server.close().compose(v -> hub.stop());
  }

  /** The port actually bound, for tests that listen on port 0. */
  public int port() {
    return server.actualPort();
  }

  public StreamHub hub() {
    return hub;
  }

  private void onPlainRequest(HttpServerRequest request) {
    boolean endpoint = Endpoint.of(request.path()) != null;
    request.response().setStatusCode(endpoint ? 426 : 404).putHeader("Upgrade", "websocket").end();
  }

  private void onHandshake(ServerWebSocketHandshake handshake) {
    Endpoint endpoint = Endpoint.of(handshake.path());
    if (endpoint == null) {
      handshake.reject(404);
      return;
    }
    handshake
        .accept()
        .onSuccess(socket -> authenticate(endpoint, handshake, socket));
  }

  private void authenticate(Endpoint endpoint, ServerWebSocketHandshake handshake, ServerWebSocket socket) {
    authenticator
        .authenticate(handshake.headers())
        .onSuccess(identity -> attach(endpoint, socket, identity))
        .onFailure(
            e -> {
              ErrorCode code = e instanceof AuthFailure failure ? failure.code() : ErrorCode.AUTH_INVALID;
              String message = e instanceof AuthFailure ? e.getMessage() : code.description();
              LOG.info("authentication failed from {}: {}", socket.remoteAddress(), code);
              closeWith(socket, ErrorMessage.of(code, message), CloseCode.UNAUTHORIZED);
            });
  }

  private void attach(Endpoint endpoint, ServerWebSocket socket, Identity identity) {
    RequestParser.Result parsed = parser.parse(endpoint, socket.path(), socket.query());
    if (parsed.rejection() != null) {
      reject(socket, parsed.rejection());
      return;
    }
    AccessPolicy.Decision decision = AccessPolicy.decide(identity, parsed.request());
    if (decision.rejection() != null) {
      reject(socket, decision.rejection());
      return;
    }
    ClientConnection connection = new ClientConnection(socket, identity, hub, decision.streams());
    for (String unknown : parsed.unknownSymbols()) {
      connection.notify(ErrorMessage.of(ErrorCode.UNKNOWN_SYMBOL, "symbol " + unknown + " is not traded here"));
    }
    connection.start();
  }

  private static void reject(ServerWebSocket socket, RequestRejection rejection) {
    closeWith(socket, ErrorMessage.of(rejection.code(), rejection.message()), rejection.close());
  }

  private static void closeWith(ServerWebSocket socket, ErrorMessage error, CloseCode close) {
    socket.writeTextMessage(com.degenduel.realtime.codec.wire.WireFormat.encode(error));
    socket.close(close.code(), close.name());
  }
}
