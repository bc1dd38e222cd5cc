package com.degenduel.realtime.node.tls;

import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.KeyStoreOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.SSLEngineOptions;
import java.nio.file.Path;
import java.util.Set;

/** The gateway's key material and protocol policy: TLS 1.2 and 1.3 only. */
public final class ServerTls {
  public static final Set<String> PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

  private ServerTls() {}

  /**
   * The configured TLS implementation. BoringSSL does a handshake and seals a record for a fraction
   * of the JDK engine's CPU, which is what a gateway with tens of thousands of sockets spends most
   * of its time on; where the native library cannot load, the JDK engine keeps the gateway up.
   */
  public static SSLEngineOptions engine(NodeConfig config) {
    String wanted = config.get(Setting.TLS_ENGINE);
    return switch (wanted) {
      case "openssl" -> OpenSSLEngineOptions.isAvailable() ? new OpenSSLEngineOptions() : new JdkSSLEngineOptions();
      case "jdk" -> new JdkSSLEngineOptions();
      default -> throw new IllegalArgumentException(Setting.TLS_ENGINE.env() + " must be openssl or jdk, not " + wanted);
    };
  }

  /** The engine's name for logs and benchmark reports. */
  public static String describe(SSLEngineOptions engine) {
    return engine instanceof OpenSSLEngineOptions ? "openssl" : "jdk";
  }

  /**
   * A configured PEM pair or keystore; with neither, the development certificate in {@code devDir}
   * (created on first use, which blocks).
   */
  public static KeyCertOptions keyCert(NodeConfig config, Path devDir) {
    if (config.isSet(Setting.TLS_CERT) || config.isSet(Setting.TLS_KEY)) {
      if (!config.isSet(Setting.TLS_CERT) || !config.isSet(Setting.TLS_KEY)) {
        throw new IllegalArgumentException("DD_TLS_CERT and DD_TLS_KEY must be set together");
      }
      return new PemKeyCertOptions().setCertPath(config.get(Setting.TLS_CERT)).setKeyPath(config.get(Setting.TLS_KEY));
    }
    if (config.isSet(Setting.TLS_KEYSTORE)) {
      return new KeyStoreOptions()
          .setType("PKCS12")
          .setPath(config.get(Setting.TLS_KEYSTORE))
          .setPassword(config.get(Setting.TLS_KEYSTORE_PASSWORD));
    }
    DevCertificate dev = DevCertificate.ensure(devDir);
    return new KeyStoreOptions().setType("PKCS12").setPath(dev.keystore().toString()).setPassword(dev.password());
  }
}
