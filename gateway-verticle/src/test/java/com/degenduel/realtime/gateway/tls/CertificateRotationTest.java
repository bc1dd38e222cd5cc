package com.degenduel.realtime.gateway.tls;

import static com.degenduel.realtime.testkit.WssTestClient.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import com.degenduel.realtime.codec.message.market.MarketPrice;
import com.degenduel.realtime.codec.stream.Addresses;
import com.degenduel.realtime.codec.stream.SnapshotRequest;
import com.degenduel.realtime.codec.stream.StreamEvent;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.codec.stream.StreamKind;
import com.degenduel.realtime.codec.stream.StreamSnapshot;
import com.degenduel.realtime.codec.wire.StreamBatch;
import com.degenduel.realtime.gateway.GatewayRole;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.node.logging.LogFormat;
import com.degenduel.realtime.node.logging.LogSetup;
import com.degenduel.realtime.node.management.NodeMetrics;
import com.degenduel.realtime.testkit.FreePorts;
import com.degenduel.realtime.testkit.TestCluster;
import com.degenduel.realtime.testkit.TestTokens;
import com.degenduel.realtime.testkit.WssTestClient;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The certificate rotates under a running gateway of two instances sharing one port: once the
 * files change, new TLS connections get the new certificate, while a socket opened before keeps
 * its connection and keeps streaming. Files that cannot be served leave the old certificate in
 * service and are counted.
 */
class CertificateRotationTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String SYMBOL = "BTC";
  /** One member for every test: each deploys its own gateway on it, on a port of its own. */
  private static TestCluster cluster;
  private static IssuedCertificate first;
  private static IssuedCertificate second;
  private static IssuedCertificate stranger;
  private static volatile StreamEvent latest;
  private static long seq;

  @TempDir Path dir;
  private RunningGateway gateway;

  @BeforeAll
  static void start() {
    first = IssuedCertificate.issue();
    second = IssuedCertificate.issue();
    stranger = IssuedCertificate.issue();
    cluster = TestCluster.start(1);
    TestCluster.await(
        cluster.node(0).eventBus()
            .<SnapshotRequest>consumer(
                Addresses.snapshot(StreamKind.MARKET), m -> m.reply(new StreamSnapshot(latest == null ? List.of() : List.of(latest))))
            .completion());
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"openssl", "jdk"})
  void aSecretSwappedUnderARunningGatewayIsServedToNewConnectionsWhileOpenSocketsStay(String engine) throws Exception {
    SecretVolume secret = new SecretVolume(dir);
    secret.publishPem(first, first);
    gateway =
        RunningGateway.start(
            c -> c.with(Setting.TLS_ENGINE, engine).with(Setting.TLS_CERT, secret.file("tls.crt")).with(Setting.TLS_KEY, secret.file("tls.key")));
    assertThat(gateway.presented()).isEqualTo(first.certificate());

    try (WssTestClient open = gateway.subscribe(first)) {
      secret.publishPem(second, second);

      await().atMost(WAIT).until(() -> gateway.presented().equals(second.certificate()));
      for (int connection = 0; connection < 4; connection++) {
        assertThat(gateway.presented()).as("new connection %d, whichever instance takes it", connection).isEqualTo(second.certificate());
      }
      gateway.assertStillStreams(open);
      try (WssTestClient fresh = gateway.subscribe(second)) {
        assertThat(fresh.isClosed()).isFalse();
      }
    }
    assertThat(gateway.reloads("success")).isEqualTo(1.0);
    assertThat(gateway.reloads("failure")).isZero();
  }

  @Test
  void aPemPairRewrittenInPlaceIsServedToo() throws Exception {
    Path cert = dir.resolve("gateway.crt");
    Path key = dir.resolve("gateway.key");
    first.writePem(cert, key);
    gateway = RunningGateway.start(c -> c.with(Setting.TLS_CERT, cert).with(Setting.TLS_KEY, key));

    try (WssTestClient open = gateway.subscribe(first)) {
      second.writePem(cert, key);

      await().atMost(WAIT).until(() -> gateway.presented().equals(second.certificate()));
      gateway.assertStillStreams(open);
    }
    assertThat(gateway.reloads("success")).isEqualTo(1.0);
  }

  @Test
  void aKeystoreReplacedUnderARunningGatewayIsServed() throws Exception {
    Path keystore = dir.resolve("gateway.p12");
    Files.write(keystore, first.keystore());
    gateway =
        RunningGateway.start(
            c -> c.with(Setting.TLS_KEYSTORE, keystore).with(Setting.TLS_KEYSTORE_PASSWORD, first.password()));

    try (WssTestClient open = gateway.subscribe(first)) {
      Path staged = dir.resolve("gateway.p12.new");
      Files.write(staged, second.keystore());
      Files.move(staged, keystore, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

      await().atMost(WAIT).until(() -> gateway.presented().equals(second.certificate()));
      gateway.assertStillStreams(open);
    }
    assertThat(gateway.reloads("success")).isEqualTo(1.0);
    assertThat(gateway.reloads("failure")).isZero();
  }

  @Test
  void filesThatCannotBeServedAreCountedAndLoggedOnceWhileTheOldCertificateServes() throws Exception {
    SecretVolume secret = new SecretVolume(dir);
    secret.publishPem(first, first);
    gateway =
        RunningGateway.start(c -> c.with(Setting.TLS_CERT, secret.file("tls.crt")).with(Setting.TLS_KEY, secret.file("tls.key")));

    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    LogSetup.apply(LogFormat.JSON, Level.INFO);
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (WssTestClient open = gateway.subscribe(first)) {
      secret.publishPem(second, stranger);
      await().atMost(WAIT).until(() -> gateway.reloads("failure") == 1.0);
      assertThat(gateway.presented()).as("a key that is not the certificate's").isEqualTo(first.certificate());

      secret.publish(Map.of("tls.crt", "not a certificate".getBytes(StandardCharsets.US_ASCII), "tls.key", second.keyPem()));
      await().atMost(WAIT).until(() -> gateway.reloads("failure") == 2.0);
      assertThat(gateway.presented()).as("a certificate that does not parse").isEqualTo(first.certificate());
      gateway.assertStillStreams(open);

      secret.publishPem(second, second);
      await().atMost(WAIT).until(() -> gateway.presented().equals(second.certificate()));
      gateway.assertStillStreams(open);
    } finally {
      System.setErr(original);
      LogSetup.apply(LogFormat.TEXT, Level.INFO);
    }
    assertThat(gateway.reloads("failure")).as("each bad content counted once, however often it was read").isEqualTo(2.0);
    assertThat(gateway.reloads("success")).isEqualTo(1.0);

    String text = captured.toString(StandardCharsets.UTF_8);
    assertThat(text).doesNotContain(stranger.keyLine()).doesNotContain(second.keyLine()).doesNotContain("PRIVATE KEY");
    List<JsonObject> failures =
        text.lines().filter(l -> l.startsWith("{")).map(JsonObject::new).filter(l -> "tls_reload_failed".equals(l.getString("event"))).toList();
    assertThat(failures).hasSize(2);
    assertThat(failures.get(0).getString("reason")).contains("does not belong to the certificate");
    assertThat(failures.get(1).getString("reason")).contains("does not parse");
    assertThat(text.lines().filter(l -> l.contains("\"event\":\"tls_reloaded\""))).singleElement().asString()
        .contains(second.certificate().getSerialNumber().toString(16));
  }

  /** A gateway deployed on the shared member the way the launcher does it: two instances on one port, files read every 100 ms. */
  private static final class RunningGateway implements AutoCloseable {
    private final Vertx vertx = cluster.node(0);
    private final int port = FreePorts.next();
    private final Set<String> deployments = new HashSet<>();
    private final Map<String, Double> countedBefore = new HashMap<>();

    static RunningGateway start(UnaryOperator<NodeConfig> tls) {
      RunningGateway gateway = new RunningGateway();
      for (String result : List.of("success", "failure")) {
        gateway.countedBefore.put(result, gateway.counted(result));
      }
      Set<String> before = Set.copyOf(gateway.vertx.deploymentIDs());
      NodeConfig config =
          tls.apply(
              cluster.configFor(0)
                  .with(Setting.GATEWAY_PORT, gateway.port)
                  .with(Setting.GATEWAY_INSTANCES, 2)
                  .with(Setting.TLS_RELOAD_INTERVAL_MS, 100));
      try {
        TestCluster.await(new GatewayRole().deploy(gateway.vertx, config));
      } finally {
        gateway.deployments.addAll(gateway.vertx.deploymentIDs());
        gateway.deployments.removeAll(before);
      }
      return gateway;
    }

    /** The certificate a new TLS connection is shown, read by the JDK's own client trusting the issued ones. */
    X509Certificate presented() throws IOException, GeneralSecurityException {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      List<IssuedCertificate> issued = List.of(first, second, stranger);
      for (int i = 0; i < issued.size(); i++) {
        trust.setCertificateEntry("issued-" + i, issued.get(i).certificate());
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, factory.getTrustManagers(), null);
      try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port)) {
        socket.setSoTimeout((int) WAIT.toMillis());
        socket.startHandshake();
        return (X509Certificate) socket.getSession().getPeerCertificates()[0];
      }
    }

    /** A market socket over a TLS client that trusts only {@code certificate}, past its snapshot. */
    WssTestClient subscribe(IssuedCertificate certificate) {
      long snapshotSeq = publishPrice();
      WebSocketClientOptions client =
          new WebSocketClientOptions()
              .setSsl(true)
              .setVerifyHost(true)
              .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(certificate.certPem())));
      String token = TestTokens.user(vertx, "Wa11etRotation000000000000001");
      WssTestClient socket =
          TestCluster.await(
              WssTestClient.tryConnect(vertx, client, WssTestClient.options(port, "/api/v2/ws/market?symbols=" + SYMBOL, token)), WAIT);
      assertThat(socket.nextMatching(ofType("MARKET_PRICE"), WAIT).getLong("seq")).as("the snapshot").isEqualTo(snapshotSeq);
      return socket;
    }

    /** The socket is open, and a price published now and a PING reach it over its connection. */
    void assertStillStreams(WssTestClient socket) {
      assertThat(socket.isClosed()).isFalse();
      long live = publishPrice();
      assertThat(socket.nextMatching(m -> "MARKET_PRICE".equals(m.getString("type")) && m.getLong("seq") == live, WAIT)).isNotNull();
      socket.send("{\"type\":\"PING\"}");
      socket.nextMatching(ofType("PONG"), WAIT);
    }

    private long publishPrice() {
      synchronized (CertificateRotationTest.class) {
        seq++;
        StreamEvent event = new StreamEvent(StreamId.market(SYMBOL), seq, new MarketPrice(SYMBOL, 100.0 + seq, 1.0, 1000, 110.0, 90.0, Instant.now()));
        latest = event;
        vertx.eventBus().publish(event.address(), StreamBatch.of(event));
        return seq;
      }
    }

    /** Reloads with this {@code result} since this gateway started (the meter belongs to the member). */
    double reloads(String result) {
      return counted(result) - countedBefore.get(result);
    }

    private double counted(String result) {
      Counter counter = NodeMetrics.of(vertx).registry().find("dd_gateway_tls_reloads").tag("result", result).counter();
      return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() {
      TestCluster.await(Future.all(deployments.stream().map(vertx::undeploy).toList()));
    }
  }
}
