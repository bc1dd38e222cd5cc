package com.degenduel.realtime.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway speaks TLS 1.2 and 1.3 only. Checked with OpenSSL's client rather than the JVM's,
 * because the JVM's own policy would refuse old protocols on the client side and prove nothing
 * about the server.
 */
class TlsProtocolTest {
  private static GatewayCluster gw;

  @BeforeAll
  static void start() {
    gw = new GatewayCluster();
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  @Test
  void tls12And13AreAcceptedAndOlderProtocolsRefused() throws Exception {
    assertThat(handshake("-tls1_3")).contains("TLSv1.3");
    assertThat(handshake("-tls1_2")).contains("TLSv1.2");
    for (String old : List.of("-tls1_1", "-tls1")) {
      String answer = handshake(old);
      assertThat(answer).as(old).doesNotContain("New, TLSv1").doesNotContain("no protocols available");
      assertThat(answer).as("the server itself refuses %s", old).contains("alert");
    }
  }

  /** Runs one handshake with openssl at the lowest security level, so the client offers what it is asked to. */
  private static String handshake(String protocol) throws IOException, InterruptedException {
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
