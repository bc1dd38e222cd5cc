package com.degenduel.realtime.testkit;

import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.node.tls.DevCertificate;
import com.degenduel.realtime.node.tls.DevClusterCertificate;
import com.degenduel.realtime.node.tls.ServerTls;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One real self-signed certificate per test JVM and client options that trust exactly it; and the cluster's member material. */
public final class TestTls {
  private static volatile DevCertificate certificate;
  private static volatile DevClusterCertificate member;

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

  /** One throwaway cluster CA and member certificate per test JVM: what makes a test node a member. */
  public static synchronized DevClusterCertificate member() {
    if (member == null) {
      try {
        Path dir = Files.createTempDirectory("dd-test-cluster-tls");
        dir.toFile().deleteOnExit();
        member = DevClusterCertificate.ensure(dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return member;
  }

  /** Configuration that makes a node a member of the test cluster's event bus. */
  public static NodeConfig memberConfig(NodeConfig base) {
    DevClusterCertificate material = member();
    return base.with(Setting.EVENTBUS_TLS_CERT, material.certificate())
        .with(Setting.EVENTBUS_TLS_KEY, material.key())
        .with(Setting.EVENTBUS_TLS_CA, material.authority());
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
