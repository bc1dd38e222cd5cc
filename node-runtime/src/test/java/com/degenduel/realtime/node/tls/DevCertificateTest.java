package com.degenduel.realtime.node.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The development certificate is real: a TLS client that trusts its PEM completes a handshake with host checks on. */
class DevCertificateTest {
  /** Made once for the class: keytool takes seconds, and reuse is part of what is tested. */
  @TempDir static Path dir;

  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void createsAPkcs12KeystoreAndAPemCertificateForLocalhost() throws Exception {
    DevCertificate cert = DevCertificate.ensure(dir);

    assertThat(cert.keystore()).exists();
    assertThat(Files.readString(cert.certificatePem())).startsWith("-----BEGIN CERTIFICATE-----");
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(cert.keystore())) {
      store.load(in, cert.password().toCharArray());
    }
    String alias = store.aliases().nextElement();
    assertThat(store.isKeyEntry(alias)).isTrue();
    X509Certificate x509 = (X509Certificate) store.getCertificate(alias);
    assertThat(x509.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
    List<String> names =
        x509.getSubjectAlternativeNames().stream().map(san -> String.valueOf(san.get(1))).toList();
    assertThat(names).contains("localhost", "127.0.0.1");
  }

  @Test
  void reusesTheCertificateItFindsInsteadOfMakingANewOne() throws Exception {
    DevCertificate first = DevCertificate.ensure(dir);
    byte[] pem = Files.readAllBytes(first.certificatePem());
    byte[] keystore = Files.readAllBytes(first.keystore());

    DevCertificate second = DevCertificate.ensure(dir);

    assertThat(Files.readAllBytes(second.certificatePem())).isEqualTo(pem);
    assertThat(Files.readAllBytes(second.keystore())).isEqualTo(keystore);
  }

  @Test
  void aClientTrustingThePemCompletesATlsHandshakeWithHostVerification() throws Exception {
    DevCertificate cert = DevCertificate.ensure(dir);
    int port = startHttpsServer(ServerTls.keyCert(NodeConfig.defaults(), dir));

    PemTrustOptions trust = new PemTrustOptions().addCertPath(cert.certificatePem().toString());
    for (String host : List.of("localhost", "127.0.0.1")) {
      assertThat(get(new HttpClientOptions().setSsl(true).setVerifyHost(true).setTrustOptions(trust), host, port))
          .as("over TLS to %s", host)
          .isEqualTo("hello over TLS");
    }
  }

  @Test
  void aClientThatDoesNotTrustTheCertificateIsRefused() throws Exception {
    DevCertificate.ensure(dir);
    int port = startHttpsServer(ServerTls.keyCert(NodeConfig.defaults(), dir));

    assertThatThrownBy(() -> get(new HttpClientOptions().setSsl(true).setVerifyHost(true), "localhost", port))
        .isInstanceOf(ExecutionException.class);
  }

  @Test
  void serverTlsWantsBothHalvesOfAPemPair() {
    NodeConfig halfPair = NodeConfig.defaults().with(Setting.TLS_CERT, dir.resolve("cert.pem"));

    assertThatThrownBy(() -> ServerTls.keyCert(halfPair, dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DD_TLS_CERT and DD_TLS_KEY");
  }

  private int startHttpsServer(KeyCertOptions keyCert) throws Exception {
    HttpServerOptions options = new HttpServerOptions().setSsl(true).setKeyCertOptions(keyCert).setHost("127.0.0.1");
    ServerTls.PROTOCOLS.forEach(options::addEnabledSecureTransportProtocol);
    HttpServer server =
        vertx.createHttpServer(options).requestHandler(request -> request.response().end("hello over TLS"));
    return await(server.listen(0)).actualPort();
  }

  private String get(HttpClientOptions options, String host, int port) throws Exception {
    var client = vertx.createHttpClient(options);
    try {
      Future<Buffer> body =
          client
              .request(new RequestOptions().setMethod(HttpMethod.GET).setHost(host).setPort(port).setURI("/"))
              .compose(request -> request.send())
              .compose(response -> response.body());
      return await(body).toString();
    } finally {
      client.close();
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }
}
