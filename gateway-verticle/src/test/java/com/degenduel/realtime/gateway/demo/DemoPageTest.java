package com.degenduel.realtime.gateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.gateway.GatewayRole;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.testkit.FreePorts;
import com.degenduel.realtime.testkit.TestCluster;
import com.degenduel.realtime.testkit.TestTls;
import com.degenduel.realtime.testkit.TestTokens;
import com.degenduel.realtime.testkit.WssTestClient;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.UpgradeRejectedException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo page as the gateway serves it, through the real role: one gateway in development mode,
 * which serves the page, and one outside it, which does not, over real TLS. The page's real files are built after
 * this module (by clients/typescript, whose browser test opens them); here the page is the two
 * files under src/test/resources/degenduel-demo-page, in the layout that build produces.
 */
class DemoPageTest {
  private static final String WALLET = "DemoPageTest1111111111111111111111111111111";
  private static TestCluster cluster;
  private static HttpClient http;
  private static int withPage;
  private static int withoutPage;

  private record Answer(int status, Map<String, String> headers, String body) {}

  @BeforeAll
  static void start() {
    cluster = TestCluster.start(1);
    withPage = FreePorts.next();
    withoutPage = FreePorts.next();
    TestCluster.await(new GatewayRole().deploy(cluster.node(0), gateway(withPage).with(Setting.DEV_MODE, true)));
    // Outside development mode the development secret is refused: this one has a secret of its own.
    NodeConfig production = gateway(withoutPage).with(Setting.DEV_MODE, false).with(Setting.JWT_SECRET, "a-secret-of-this-test-only-0123456789");
    TestCluster.await(new GatewayRole().deploy(cluster.node(0), production));
    http =
        cluster.node(0)
            .createHttpClient(new HttpClientOptions().setSsl(true).setTrustOptions(TestTls.clientTrust()).setVerifyHost(true));
  }

  private static NodeConfig gateway(int port) {
    return TestTls.serverConfig(cluster.configFor(0)).with(Setting.GATEWAY_PORT, port).with(Setting.GATEWAY_INSTANCES, 1)
        .with(Setting.DRAIN_WINDOW_MS, 200);
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void thePageIsServedWithItsContentTypeAStrictPolicyAndNoCaching() throws IOException {
    Answer index = request(withPage, HttpMethod.GET, "/demo/");
    Answer script = request(withPage, HttpMethod.GET, "/demo/demo.js");

    assertThat(index.status()).isEqualTo(200);
    assertThat(index.body()).isEqualTo(fixture("index.html"));
    assertThat(index.headers())
        .containsEntry("content-type", "text/html; charset=utf-8")
        .containsEntry(
            "content-security-policy",
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
                + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
        .containsEntry("x-content-type-options", "nosniff")
        .containsEntry("referrer-policy", "no-referrer")
        .containsEntry("cache-control", "no-store");
    assertThat(request(withPage, HttpMethod.GET, "/demo/index.html")).isEqualTo(index);
    assertThat(script.status()).isEqualTo(200);
    assertThat(script.body()).isEqualTo(fixture("demo.js"));
    assertThat(script.headers()).containsEntry("content-type", "text/javascript; charset=utf-8");
  }

  @Test
  void headAnswersTheHeadersOnlyAndOtherMethodsAreRefused() {
    Answer head = request(withPage, HttpMethod.HEAD, "/demo/");

    assertThat(head.status()).isEqualTo(200);
    assertThat(head.headers()).containsEntry("content-type", "text/html; charset=utf-8");
    assertThat(head.body()).isEmpty();
    Answer post = request(withPage, HttpMethod.POST, "/demo/");
    assertThat(post.status()).isEqualTo(405);
    assertThat(post.headers()).containsEntry("allow", "GET, HEAD");
  }

  @Test
  void thePathWithoutItsSlashRedirectsToThePage() {
    Answer answer = request(withPage, HttpMethod.GET, "/demo");

    assertThat(answer.status()).isEqualTo(301);
    assertThat(answer.headers()).containsEntry("location", "/demo/");
  }

  @Test
  void aFileThePageDoesNotListGetsTheAnswerOfAnyUnknownPath() {
    Answer unknown = request(withPage, HttpMethod.GET, "/nowhere");

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(request(withPage, HttpMethod.GET, "/demo/files.txt")).isEqualTo(unknown);
    assertThat(request(withPage, HttpMethod.GET, "/demo/../demo/demo.js")).isEqualTo(unknown);
  }

  @Test
  void outsideDevelopmentModeThePageGetsTheAnswerOfAnyUnknownPath() {
    Answer unknown = request(withoutPage, HttpMethod.GET, "/nowhere");

    assertThat(unknown.status()).isEqualTo(404);
    for (String path : new String[] {"/demo/", "/demo/index.html", "/demo/demo.js", "/demo"}) {
      assertThat(request(withoutPage, HttpMethod.GET, path)).as(path).isEqualTo(unknown);
    }
  }

  @Test
  void theWebSocketEndpointsAreAnsweredAsWithoutThePage() throws Exception {
    String token = TestTokens.user(cluster.node(0), WALLET);

    assertThat(request(withPage, HttpMethod.GET, "/api/v2/ws/portfolio").status()).isEqualTo(426);
    // The page's own origin, as a browser sends it: the default allowlist admits it.
    Future<WssTestClient> fromThePage =
        WssTestClient.tryConnect(
            cluster.node(0),
            WssTestClient.clientOptions(),
            WssTestClient.options(withPage, "/api/v2/ws/portfolio", token).addHeader("Origin", "https://localhost:" + withPage));
    TestCluster.await(fromThePage).close();
    Future<WssTestClient> onThePage =
        WssTestClient.tryConnect(cluster.node(0), WssTestClient.clientOptions(), WssTestClient.options(withPage, "/demo/", token));
    Throwable refusal = TestCluster.await(onThePage.map(c -> (Throwable) null).otherwise(e -> e));
    assertThat(refusal).isInstanceOf(UpgradeRejectedException.class);
    assertThat(((UpgradeRejectedException) refusal).getStatus()).isEqualTo(404);
  }

  private static Answer request(int port, HttpMethod method, String path) {
    return TestCluster.await(
        http.request(new RequestOptions().setHost("localhost").setPort(port).setMethod(method).setURI(path))
            // Read the body in the callback that gets the response, on its event loop: a callback
            // added later, from the test's thread, could come after the body has gone by.
            .compose(
                request ->
                    request
                        .send()
                        .compose(
                            response ->
                                response.body().map(body -> new Answer(response.statusCode(), headers(response.headers()), body.toString())))));
  }

  /** Every header but the date, by lower-case name, so that two answers can be compared whole. */
  private static Map<String, String> headers(MultiMap headers) {
    Map<String, String> byName = new TreeMap<>();
    headers.forEach(h -> byName.merge(h.getKey().toLowerCase(), h.getValue(), (a, b) -> a + ", " + b));
    byName.remove("date");
    return byName;
  }

  private static String fixture(String name) throws IOException {
    try (InputStream in = DemoPageTest.class.getClassLoader().getResourceAsStream("degenduel-demo-page/" + name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
