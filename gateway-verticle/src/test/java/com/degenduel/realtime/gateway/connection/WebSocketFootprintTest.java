package com.degenduel.realtime.gateway.connection;

import static com.degenduel.realtime.gateway.connection.LoopbackWss.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.junit5.VertxExtension;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pins {@link WebSocketFootprint} to the Vert.x in use, over a real WSS connection: the socket's
 * write queue is really replaced, the upgrade request is really let go and the token with it, and
 * the socket still talks and closes with its code.
 */
@ExtendWith(VertxExtension.class)
class WebSocketFootprintTest {
  private static final String TOKEN = "a-token-offered-as-subprotocol";

  private volatile WeakReference<ServerWebSocketHandshake> upgrade;

  @Test
  void anInstalledSocketWritesDirectlyForgetsItsUpgradeAndStillAnswersAndCloses(Vertx vertx) throws Exception {
    List<Boolean> directBeforeAndAfter = new CopyOnWriteArrayList<>();
    List<String> upgradeKeptAndForgotten = new CopyOnWriteArrayList<>();
    Promise<ServerWebSocket> accepted = Promise.promise();
    HttpServer server =
        vertx
            .createHttpServer(LoopbackWss.serverOptions().setStrictThreadMode(true).setWebSocketSubProtocols(List.of(TOKEN)))
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
    WebSocketClient client = LoopbackWss.client(vertx);
    WebSocket ws = await(client.connect(LoopbackWss.to(port).addSubProtocol(TOKEN)));
    await(accepted.future());
    assertThat(directBeforeAndAfter).containsExactly(false, true);
    assertThat(upgradeKeptAndForgotten).as("the token, as subprotocol and header").containsExactly(TOKEN + " " + TOKEN, "null null");
    Awaitility.await()
        .alias("the upgrade request is unreachable while the socket is open")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> {
          System.gc();
          return upgrade.get() == null;
        });

    ws.textMessageHandler(received::add);
    ws.closeHandler(v -> closed.tryComplete(ws.closeStatusCode()));
    ws.writeTextMessage("hello");

    assertThat(await(closed.future())).isEqualTo((short) 4008);
    assertThat(received).containsExactly("echo hello");
  }
}
