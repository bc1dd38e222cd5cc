package com.degenduel.realtime.testkit;

import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.node.tls.DevCertificate;
import com.degenduel.realtime.node.tls.ServerTls;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One real self-signed certificate per test JVM, and client options that trust exactly it. */
public final class TestTls {
  private static volatile DevCertificate certificate;

  private TestTls() {}

  public static synchronized DevCertificate certificate() {
    if (certificate == null) {
      try {
        Path dir = Files.createTempDirectory("dd-test-tls");
        dir.toFile().deleteOnExit();
        certificate = DevCertificate.ensure(dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return certificate;
  }

  /** Server configuration that uses the test certificate. */
  public static NodeConfig serverConfig(NodeConfig base) {
    DevCertificate cert = certificate();
    return base.with(Setting.TLS_KEYSTORE, cert.keystore()).with(Setting.TLS_KEYSTORE_PASSWORD, cert.password());
  }

  /** The test certificate as a server's key material, read the way a node reads its keystore. */
  public static KeyCertOptions serverKeyCert() {
    return ServerTls.keyCert(serverConfig(NodeConfig.defaults()), certificate().keystore().getParent());
  }

  public static PemTrustOptions clientTrust() {
    return new PemTrustOptions().addCertPath(certificate().certificatePem().toString());
  }
}
