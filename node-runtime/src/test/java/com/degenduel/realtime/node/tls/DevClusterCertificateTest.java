package com.degenduel.realtime.node.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The development cluster material is a real CA and a member certificate it signed, shared by whoever uses the same directory. */
class DevClusterCertificateTest {
  @TempDir static Path dir;

  @Test
  void theMemberCertificateIsSignedByTheCaAndMatchesItsKey() throws Exception {
    DevClusterCertificate material = DevClusterCertificate.ensure(dir);

    X509Certificate ca = certificate(material.authority());
    X509Certificate member = certificate(material.certificate());
    member.verify(ca.getPublicKey());
    assertThat(ca.getBasicConstraints()).as("the CA may sign").isGreaterThanOrEqualTo(0);
    assertThat(member.getBasicConstraints()).as("the member may not sign").isEqualTo(-1);
    assertThat(member.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");

    PrivateKey key = privateKey(material.key());
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(key);
    signer.update("member".getBytes(StandardCharsets.UTF_8));
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(member.getPublicKey());
    verifier.update("member".getBytes(StandardCharsets.UTF_8));
    assertThat(verifier.verify(signature)).as("the key is the member certificate's").isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(material.key()))).isEqualTo("rw-------");
    try (var files = Files.list(material.authority().getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).as("the CA's key is not kept")
          .containsExactlyInAnyOrder("ca.pem", "member.pem", "member-key.pem");
    }
  }

  @Test
  void processesStartingTogetherShareOneCa(@TempDir Path shared) throws Exception {
    ExecutorService starters = Executors.newFixedThreadPool(3);
    try {
      List<CompletableFuture<DevClusterCertificate>> made = IntStream.range(0, 3)
          .mapToObj(i -> CompletableFuture.supplyAsync(() -> DevClusterCertificate.ensure(shared), starters))
          .toList();
      List<String> authorities = made.stream().map(CompletableFuture::join).map(m -> read(m.authority())).distinct().toList();

      assertThat(authorities).hasSize(1);
      assertThat(read(DevClusterCertificate.ensure(shared).authority())).as("reused later").isEqualTo(authorities.get(0));
      try (var files = Files.list(shared)) {
        assertThat(files.map(p -> p.getFileName().toString())).as("no scratch left").containsExactly("cluster");
      }
    } finally {
      starters.shutdownNow();
    }
  }

  @Test
  void incompleteMaterialIsNotSilentlyReplaced(@TempDir Path broken) throws Exception {
    Files.createDirectories(broken.resolve("cluster"));
    Files.writeString(broken.resolve("cluster/ca.pem"), "");

    assertThatThrownBy(() -> DevClusterCertificate.ensure(broken)).hasMessageContaining("incomplete");
  }

  private static X509Certificate certificate(Path pem) throws Exception {
    try (InputStream in = Files.newInputStream(pem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static PrivateKey privateKey(Path pem) throws Exception {
    String text = Files.readString(pem);
    assertThat(text).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
    String body = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
