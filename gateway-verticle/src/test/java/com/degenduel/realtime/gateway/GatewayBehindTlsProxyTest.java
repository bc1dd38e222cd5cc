package com.degenduel.realtime.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.testkit.TestCluster;
import com.degenduel.realtime.testkit.TestTokens;
import com.degenduel.realtime.testkit.WssTestClient;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With TLS terminated at the ingress the gateway speaks plain ws:// on its port and admits only
 * handshakes the ingress marks {@code X-Forwarded-Proto: https}, so a socket carrying a token
 * never passes the proxy in clear text.
 */
class GatewayBehindTlsProxyTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String PATH = "/api/v2/ws/market?symbols=BTC";
  private static GatewayCluster gw;

  @BeforeAll
  static void start() {
    gw = new GatewayCluster(1, c -> c.with(Setting.TLS_TERMINATED_BY_PROXY, "true"));
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @Test
  void plainWebSocketMarkedHttpsByTheProxyIsServed() {
    String token = TestTokens.user(gw.services(), "Wa11etProxy00000000000000000000000000000001");
    WebSocketConnectOptions options = plain(token).addHeader("X-Forwarded-Proto", "https");
    try (WssTestClient client = TestCluster.await(WssTestClient.tryConnect(gw.services(), new WebSocketClientOptions(), options))) {
      assertThat(client.subProtocol()).isEqualTo(token);
      client.send("{\"type\":\"PING\"}");
      assertThat(client.nextMatching(WssTestClient.ofType("PONG"), WAIT).getString("timestamp")).isNotBlank();
    }
  }

  @Test
  void handshakeNotMarkedHttpsIsRefusedWith403() {
    String token = TestTokens.user(gw.services(), "Wa11etProxy00000000000000000000000000000002");
    assertRefused(plain(token));
    assertRefused(plain(token).addHeader("X-Forwarded-Proto", "http"));
    assertRefused(plain(token).addHeader("X-Forwarded-Proto", "https, http"));
  }

  @Test
  void tlsIsNotSpokenOnThePort() {
    String token = TestTokens.user(gw.services(), "Wa11etProxy00000000000000000000000000000003");
    var attempt =
        WssTestClient.tryConnect(
            gw.services(),
            WssTestClient.clientOptions(),
            WssTestClient.options(gw.port(), PATH, token).addHeader("X-Forwarded-Proto", "https"));
    try {
      attempt.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).close();
      throw new AssertionError("a TLS handshake succeeded on a gateway whose TLS is terminated by the proxy");
    } catch (ExecutionException expected) {
      assertThat(expected.getCause()).isNotInstanceOf(UpgradeRejectedException.class);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static WebSocketConnectOptions plain(String token) {
    return WssTestClient.options(gw.port(), PATH, token).setSsl(false);
  }

  private static void assertRefused(WebSocketConnectOptions options) {
    var attempt = WssTestClient.tryConnect(gw.services(), new WebSocketClientOptions(), options);
    try {
      attempt.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).close();
      throw new AssertionError("a handshake not marked X-Forwarded-Proto: https was accepted: " + options.getHeaders());
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(UpgradeRejectedException.class);
      assertThat(((UpgradeRejectedException) e.getCause()).getStatus()).isEqualTo(403);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
