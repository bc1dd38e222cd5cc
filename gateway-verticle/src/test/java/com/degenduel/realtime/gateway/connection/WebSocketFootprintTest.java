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
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
}
