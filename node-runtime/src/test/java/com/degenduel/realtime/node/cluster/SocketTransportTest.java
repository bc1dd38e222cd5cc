package com.degenduel.realtime.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.degenduel.realtime.node.config.NodeConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.transport.Transport;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Each configurable transport is the one a node runs on, and carries a request over loopback. */
class SocketTransportTest {

  @ParameterizedTest
  @ValueSource(strings = {"epoll", "io_uring", "nio"})
  void theConfiguredTransportCarriesTraffic(String name) throws Exception {
    assertThat(Transport.EPOLL.available()).as("epoll loads on this platform").isTrue();
    assertThat(Transport.IO_URING.available()).as("io_uring loads on this kernel").isTrue();
    NodeConfig config = NodeConfig.from(Map.of("DD_TRANSPORT", name), List.of());
    Vertx vertx = Vertx.builder().withTransport(SocketTransport.of(config)).build();
    try {
      assertThat(SocketTransport.describe(vertx)).isEqualTo(name);
      String body =
          vertx.createHttpServer()
              .requestHandler(request -> request.response().end("over " + name))
              .listen(0, "127.0.0.1")
              .compose(
                  server ->
                      vertx.createHttpClient()
                          .request(HttpMethod.GET, server.actualPort(), "127.0.0.1", "/")
                          .compose(request -> request.send())
                          .compose(response -> response.body()))
              .map(Object::toString)
              .toCompletionStage()
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
      assertThat(body).isEqualTo("over " + name);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void anUnknownTransportIsRefusedByName() {
    NodeConfig config = NodeConfig.from(Map.of("DD_TRANSPORT", "kqueue"), List.of());

    assertThatThrownBy(() -> SocketTransport.of(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DD_TRANSPORT");
  }
}
