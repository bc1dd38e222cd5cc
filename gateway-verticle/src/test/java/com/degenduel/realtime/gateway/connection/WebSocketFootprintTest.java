package com.degenduel.realtime.gateway.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.node.tls.DevCertificate;
import com.degenduel.realtime.testkit.TestTls;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.KeyStoreOptions;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pins {@link WebSocketFootprint} to the Vert.x in use, over a real WSS connection: the socket's
 * write queue is really replaced, the upgrade request is really let go and the token with it, and
 * the socket still talks and closes with its code.
 */
class WebSocketFootprintTest {
  private static final String TOKEN = "a-token-offered-as-subprotocol";

  private Vertx vertx;
  private volatile WeakReference<ServerWebSocketHandshake> upgrade;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    await(vertx.close());
  }

  @Test
  void anInstalledSocketWritesDirectlyForgetsItsUpgradeAndStillAnswersAndCloses() throws Exception {
    List<Boolean> directBeforeAndAfter = new CopyOnWriteArrayList<>();
    List<String> upgradeKeptAndForgotten = new CopyOnWriteArrayList<>();
    Promise<ServerWebSocket> accepted = Promise.promise();
    DevCertificate cert = TestTls.certificate();
    HttpServer server =
        vertx
            .createHttpServer(
                new HttpServerOptions()
                    .setPort(0)
                    .setHost("127.0.0.1")
                    .setSsl(true)
                    .setStrictThreadMode(true)
                    .setWebSocketSubProtocols(List.of(TOKEN))
                    .setKeyCertOptions(
                        new KeyStoreOptions().setType("PKCS12").setPath(cert.keystore().toString()).setPassword(cert.password())))
            .webSocketHandshakeHandler(
                handshake -> {
                  upgrade = new WeakReference<>(handshake);
                  handshake.accept().onSuccess(accepted::complete);
                });
    accepted
        .future()
        .onSuccess(
            socket -> {
              try {
                directBeforeAndAfter.add(WebSocketFootprint.writesDirectly(SocketPipeline.connectionOf(socket)));
                SocketPipeline.install(socket);
                directBeforeAndAfter.add(WebSocketFootprint.writesDirectly(SocketPipeline.connectionOf(socket)));
                upgradeKeptAndForgotten.add(socket.subProtocol() + " " + socket.headers().get("Sec-WebSocket-Protocol"));
                WebSocketFootprint.forgetUpgrade(socket);
                upgradeKeptAndForgotten.add(socket.subProtocol() + " " + socket.headers().get("Sec-WebSocket-Protocol"));
              } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
              }
              socket.textMessageHandler(
                  text -> {
                    socket.writeTextMessage("echo " + text);
                    socket.close((short) 4008, "done");
                  });
            });
    int port = await(server.listen()).actualPort();

    List<String> received = new CopyOnWriteArrayList<>();
    Promise<Short> closed = Promise.promise();
    var client =
        vertx.createWebSocketClient(new WebSocketClientOptions().setSsl(true).setTrustOptions(TestTls.clientTrust()).setVerifyHost(false));
    var ws = await(client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/").setSsl(true).addSubProtocol(TOKEN)));
    await(accepted.future());
    assertThat(directBeforeAndAfter).containsExactly(false, true);
    assertThat(upgradeKeptAndForgotten).as("the token, as subprotocol and header").containsExactly(TOKEN + " " + TOKEN, "null null");
    assertThat(collected(upgrade)).as("the upgrade request is unreachable while the socket is open").isTrue();

    ws.textMessageHandler(received::add);
    ws.closeHandler(v -> closed.tryComplete(ws.closeStatusCode()));
    ws.writeTextMessage("hello");

    assertThat(await(closed.future())).isEqualTo((short) 4008);
    assertThat(received).containsExactly("echo hello");
  }

  private static boolean collected(WeakReference<?> ref) throws InterruptedException {
    for (int i = 0; i < 50 && ref.get() != null; i++) {
      System.gc();
      Thread.sleep(20);
    }
    return ref.get() == null;
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
