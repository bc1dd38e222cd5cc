package com.degenduel.realtime.gateway.tls;

import com.degenduel.realtime.node.tls.DevCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * A new certificate and key for localhost, made by the same keytool run as the development
 * certificate (each with its own key pair and serial), in the forms a gateway reads: a PEM pair,
 * as in a kubernetes.io/tls Secret, and a PKCS#12 keystore.
 */
record IssuedCertificate(X509Certificate certificate, byte[] certPem, byte[] keyPem, byte[] keystore, String password) {

  static IssuedCertificate issue() {
    try {
      DevCertificate dev = DevCertificate.ensure(Files.createTempDirectory("dd-issued"));
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(dev.keystore())) {
        store.load(in, dev.password().toCharArray());
      }
      String alias = store.aliases().nextElement();
      PrivateKey key = (PrivateKey) store.getKey(alias, dev.password().toCharArray());
      String keyPem =
          "-----BEGIN PRIVATE KEY-----\n"
              + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
              + "\n-----END PRIVATE KEY-----\n";
      return new IssuedCertificate(
          (X509Certificate) store.getCertificate(alias),
          Files.readAllBytes(dev.certificatePem()),
          keyPem.getBytes(StandardCharsets.US_ASCII),
          Files.readAllBytes(dev.keystore()),
          dev.password());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("could not issue a test certificate", e);
    }
  }

  /** The first line of the private key's base64 body, which must never appear in a log. */
  String keyLine() {
    return new String(keyPem, StandardCharsets.US_ASCII).lines().skip(1).findFirst().orElseThrow();
  }

  void writePem(Path cert, Path key) throws IOException {
    Files.write(cert, certPem);
    Files.write(key, keyPem);
  }
}
