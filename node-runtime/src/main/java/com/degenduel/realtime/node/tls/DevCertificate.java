package com.degenduel.realtime.node.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A self-signed certificate for localhost and 127.0.0.1, made with the JDK's keytool so that
 * development and tests run real TLS without any key material in the repository. Blocking: call it
 * before Vert.x starts or from a worker.
 */
public record DevCertificate(Path keystore, String password, Path certificatePem) {
  private static final String ALIAS = "degenduel-dev";
  private static final String PASSWORD = "degenduel-dev";

  /** Reuses the certificate in {@code dir} if one is there, otherwise creates it. */
  public static DevCertificate ensure(Path dir) {
    Path keystore = dir.resolve("dev-gateway.p12");
    Path pem = dir.resolve("dev-gateway.pem");
    try {
      if (!Files.exists(keystore) || !Files.exists(pem)) {
        Files.createDirectories(dir);
        Files.deleteIfExists(keystore);
        Keytool.run(
            "-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
            "-sigalg", "SHA256withECDSA", "-dname", "CN=localhost",
            "-ext", "SAN=dns:localhost,ip:127.0.0.1,ip:0:0:0:0:0:0:0:1",
            "-validity", "365", "-storetype", "PKCS12", "-keystore", keystore.toString(),
            "-storepass", PASSWORD, "-keypass", PASSWORD);
        Keytool.run(
            "-exportcert", "-rfc", "-alias", ALIAS, "-keystore", keystore.toString(),
            "-storepass", PASSWORD, "-file", pem.toString());
      }
    } catch (IOException e) {
      throw new IllegalStateException("could not create the development certificate in " + dir, e);
    }
    return new DevCertificate(keystore, PASSWORD, pem);
  }
}
