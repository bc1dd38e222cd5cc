package com.degenduel.realtime.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.node.config.Setting;
import io.vertx.core.net.OpenSSLEngineOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gateway speaks TLS 1.2 and 1.3 only, with either TLS engine. Checked with OpenSSL's client
 * rather than the JVM's, because the JVM's own policy would refuse old protocols on the client
 * side and prove nothing about the server.
 */
class TlsProtocolTest {

  @ParameterizedTest
  @ValueSource(strings = {"openssl", "jdk"})
  void tls12And13AreAcceptedAndOlderProtocolsRefused(String engine) throws Exception {
    if (engine.equals("openssl")) {
      assertThat(OpenSSLEngineOptions.isAvailable()).as("BoringSSL loads on this platform").isTrue();
    }
    try (GatewayCluster gw = new GatewayCluster(1, c -> c.with(Setting.TLS_ENGINE, engine))) {
      assertThat(handshake(gw, "-tls1_3")).contains("TLSv1.3");
      assertThat(handshake(gw, "-tls1_2")).contains("TLSv1.2");
      for (String old : List.of("-tls1_1", "-tls1")) {
        String answer = handshake(gw, old);
        assertThat(answer).as(old).doesNotContain("New, TLSv1").doesNotContain("no protocols available");
        assertThat(answer).as("the server itself refuses %s", old).contains("alert");
      }
    }
  }

  /** Runs one handshake with openssl at the lowest security level, so the client offers what it is asked to. */
  private static String handshake(GatewayCluster gw, String protocol) throws IOException, InterruptedException {
    Process openssl =
        new ProcessBuilder(
                "openssl", "s_client", "-connect", "127.0.0.1:" + gw.port(), protocol,
                "-cipher", "DEFAULT:@SECLEVEL=0", "-servername", "localhost")
            .redirectErrorStream(true)
            .start();
    openssl.getOutputStream().close();
    if (!openssl.waitFor(20, TimeUnit.SECONDS)) {
      openssl.destroyForcibly();
      throw new AssertionError("openssl did not finish");
    }
    return new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}
