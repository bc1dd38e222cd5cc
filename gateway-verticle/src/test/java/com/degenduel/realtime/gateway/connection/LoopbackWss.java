package com.degenduel.realtime.gateway.connection;

import com.degenduel.realtime.testkit.TestTls;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.concurrent.TimeUnit;

/** A real WSS server and client on loopback, with the test certificate, for tests of one socket's pipeline. */
final class LoopbackWss {
  private LoopbackWss() {}

  static HttpServerOptions serverOptions() {
    return new HttpServerOptions().setPort(0).setHost("127.0.0.1").setSsl(true).setKeyCertOptions(TestTls.serverKeyCert());
  }

  /** Keep it referenced while its sockets are open: Vert.x closes a client the collector finds unreachable. */
  static WebSocketClient client(Vertx vertx) {
    return vertx.createWebSocketClient(new WebSocketClientOptions().setSsl(true).setTrustOptions(TestTls.clientTrust()).setVerifyHost(false));
  }

  static WebSocketConnectOptions to(int port) {
    return new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/").setSsl(true);
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
