package com.degenduel.realtime.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.KeyStoreOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key material in the forms issuers write it is taken, and a key that is not its certificate's is
 * refused. The files are made by the openssl command line: RSA keys in PKCS#1, as cert-manager
 * writes them by default, EC keys in SEC 1, and a certificate followed by its issuer's.
 */
class KeyMaterialTest {
  @TempDir static Path dir;
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void anRsaKeyInPkcs1IsTaken() throws Exception {
    Pair rsa = selfSigned("rsa-pkcs1", "rsa:2048");

    assertThat(Files.readString(rsa.key())).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    assertThat(load(rsa.cert(), rsa.key()).certificate().getSubjectX500Principal().getName()).isEqualTo("CN=rsa-pkcs1");
  }

  @Test
  void anEcKeyInSec1IsTaken() throws Exception {
    Pair ec = selfSigned("ec-sec1", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1");

    assertThat(Files.readString(ec.key())).startsWith("-----BEGIN EC PRIVATE KEY-----");
    assertThat(load(ec.cert(), ec.key()).certificate().getSubjectX500Principal().getName()).isEqualTo("CN=ec-sec1");
  }

  @Test
  void aChainIsTakenAndItsLeafIsTheCertificateServed() throws Exception {
    Pair ca = selfSigned("issuer", "rsa:2048");
    Path leafKey = dir.resolve("leaf.key");
    Path request = dir.resolve("leaf.csr");
    Path leaf = dir.resolve("leaf.crt");
    openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", leafKey.toString(), "-out", request.toString(), "-subj", "/CN=leaf");
    openssl("x509", "-req", "-in", request.toString(), "-CA", ca.cert().toString(), "-CAkey", ca.key().toString(),
        "-CAcreateserial", "-days", "2", "-out", leaf.toString());
    Path chain = dir.resolve("chain.crt");
    Files.writeString(chain, Files.readString(leaf) + Files.readString(ca.cert()));

    assertThat(load(chain, leafKey).certificate().getSubjectX500Principal().getName()).isEqualTo("CN=leaf");
  }

  @Test
  void aKeyOfAnotherCertificateIsRefusedWithoutQuotingIt() throws Exception {
    Pair one = selfSigned("one", "rsa:2048");
    Pair other = selfSigned("other", "rsa:2048");

    assertThatThrownBy(() -> load(one.cert(), other.key()))
        .isInstanceOf(KeyMaterial.Rejected.class)
        .hasMessageContaining("does not belong to the certificate CN=one")
        .hasMessageNotContaining(Files.readAllLines(other.key()).get(1));
  }

  @Test
  void aKeyOfAnotherAlgorithmIsRefused() throws Exception {
    Pair rsa = selfSigned("rsa-cert", "rsa:2048");
    Pair ec = selfSigned("ec-key", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1");

    assertThatThrownBy(() -> load(rsa.cert(), ec.key())).isInstanceOf(KeyMaterial.Rejected.class);
  }

  @Test
  void aKeystoreOpenedWithTheWrongPasswordIsRefused() throws Exception {
    Pair pair = selfSigned("in-keystore", "rsa:2048");
    Path keystore = dir.resolve("in-keystore.p12");
    openssl("pkcs12", "-export", "-in", pair.cert().toString(), "-inkey", pair.key().toString(),
        "-out", keystore.toString(), "-passout", "pass:right-password");

    KeyStoreOptions right = new KeyStoreOptions().setType("PKCS12").setPath(keystore.toString()).setPassword("right-password");
    assertThat(load(right).certificate().getSubjectX500Principal().getName()).isEqualTo("CN=in-keystore");
    assertThatThrownBy(() -> load(right.copy().setPassword("wrong-password")))
        .isInstanceOf(KeyMaterial.Rejected.class)
        .hasMessageContaining("does not parse");
  }

  @Test
  void filesThatAreNotKeyMaterialAreRefused() throws Exception {
    Pair pair = selfSigned("garbled", "rsa:2048");
    Path garbled = dir.resolve("garbled-copy.crt");
    Files.writeString(garbled, "not a certificate\n", StandardCharsets.US_ASCII);

    assertThatThrownBy(() -> load(garbled, pair.key())).isInstanceOf(KeyMaterial.Rejected.class).hasMessageContaining("does not parse");
  }

  private static KeyMaterial load(Path cert, Path key) throws Exception {
    return load(new PemKeyCertOptions().setCertPath(cert.toString()).setKeyPath(key.toString()));
  }

  private static KeyMaterial load(KeyCertOptions configured) throws Exception {
    CertificateFiles files = CertificateFiles.of(configured);
    return files.load(files.read(), vertx);
  }

  private record Pair(Path cert, Path key) {}

  /** A self-signed certificate and its key, the key in the traditional form of its algorithm (PKCS#1, SEC 1). */
  private static Pair selfSigned(String name, String newKey, String... keyOptions) throws IOException, InterruptedException {
    Path cert = dir.resolve(name + ".crt");
    Path pkcs8 = dir.resolve(name + ".pkcs8.key");
    Path key = dir.resolve(name + ".key");
    List<String> args = new ArrayList<>(List.of("req", "-x509", "-newkey", newKey));
    args.addAll(List.of(keyOptions));
    args.addAll(List.of("-nodes", "-keyout", pkcs8.toString(), "-out", cert.toString(), "-subj", "/CN=" + name, "-days", "2"));
    openssl(args.toArray(String[]::new));
    openssl("pkey", "-in", pkcs8.toString(), "-traditional", "-out", key.toString());
    return new Pair(cert, key);
  }

  private static void openssl(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("openssl " + String.join(" ", args) + " failed: " + output);
    }
  }
}
