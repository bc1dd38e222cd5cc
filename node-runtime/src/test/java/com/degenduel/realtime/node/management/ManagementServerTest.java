package com.degenduel.realtime.node.management;

import static org.assertj.core.api.Assertions.assertThat;

import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.testkit.TestCluster;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The management listeners of two cluster members in one JVM, over real HTTP. */
@ExtendWith(VertxExtension.class)
class ManagementServerTest {
  private static TestCluster cluster;
  private static HttpClient http;
  private static int firstPort;
  private static int secondPort;

  @BeforeAll
  static void start() {
    cluster = TestCluster.start(2);
    firstPort = listen(0);
    secondPort = listen(1);
    http = cluster.node(0).createHttpClient();
  }

  private static int listen(int node) {
    return TestCluster.await(
            ManagementServer.start(
                cluster.node(node),
                cluster.configFor(node).with(Setting.MANAGEMENT_HOST, "127.0.0.1").with(Setting.MANAGEMENT_PORT, 0)))
        .actualPort();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  private static Future<Reply> request(int port, String path) {
    return http.request(HttpMethod.GET, port, "127.0.0.1", path)
        .compose(r -> r.send())
        .compose(r -> r.body().map(b -> new Reply(r.statusCode(), r.getHeader("Content-Type"), b.toString())));
  }

  private static Reply get(int port, String path) {
    return TestCluster.await(request(port, path));
  }

  record Reply(int status, String contentType, String body) {}

  @Test
  void metricsServeVertxEventBusAndJvmMetersInPrometheusText(VertxTestContext test) {
    EventBus bus = cluster.node(0).eventBus();
    Promise<Void> delivered = Promise.promise();
    bus.consumer("dd.test.metrics", m -> delivered.tryComplete())
        .completion()
        .compose(v -> {
          bus.publish("dd.test.metrics", "x");
          return delivered.future();
        })
        .compose(v -> request(firstPort, "/metrics"))
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          assertThat(reply.status()).isEqualTo(200);
          assertThat(reply.contentType()).startsWith("text/plain; version=0.0.4");
          assertThat(reply.body())
              .contains("# TYPE jvm_memory_used_bytes gauge")
              .contains("jvm_gc_")
              .contains("jvm_threads_live_threads")
              .contains("process_cpu_usage")
              .contains("vertx_eventbus_published_total");
          test.completeNow();
        })));
  }

  @Test
  void eachNodeCountsItsOwnMeters() {
    NodeMetrics.of(cluster.node(0)).registry().counter("dd_test_only_first").increment();

    assertThat(get(firstPort, "/metrics").body()).contains("dd_test_only_first_total 1.0");
    assertThat(get(secondPort, "/metrics").body()).doesNotContain("dd_test_only_first");
  }

  @Test
  void healthIsUpWhileTheEventLoopsAnswer() {
    Reply reply = get(firstPort, "/health");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(new JsonObject(reply.body()).getString("status")).isEqualTo("UP");
  }

  @Test
  void readinessFollowsHoldsAndDrainingWithItsReasons() {
    assertThat(get(secondPort, "/ready").status()).isEqualTo(200);

    NodeHealth.Hold hold = NodeHealth.of(cluster.node(1)).hold("listener not bound");
    Reply held = get(secondPort, "/ready");
    assertThat(held.status()).isEqualTo(503);
    assertThat(new JsonObject(held.body()).getJsonArray("reasons").getList()).containsExactly("listener not bound");
    assertThat(get(firstPort, "/ready").status()).as("the other node is not affected").isEqualTo(200);

    hold.release();
    assertThat(get(secondPort, "/ready").status()).isEqualTo(200);

    NodeHealth.of(cluster.node(1)).draining("gateway");
    Reply draining = get(secondPort, "/ready");
    assertThat(draining.status()).isEqualTo(503);
    assertThat(new JsonObject(draining.body()).getJsonArray("reasons").getList()).containsExactly("gateway draining");
  }

  @Test
  void unknownPathsAreNotFound() {
    assertThat(get(firstPort, "/admin").status()).isEqualTo(404);
  }
}
