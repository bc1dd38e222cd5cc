package com.degenduel.realtime.testkit;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/** A real HTTP client for the internal fact-ingestion APIs, on loopback. */
public final class FactClient implements AutoCloseable {
  /** One answer: status and JSON body. */
  public record Answer(int status, JsonObject body) {
    public String code() {
      return body.getString("code");
    }
  }

  private final HttpClient http;
  private final int port;

  public FactClient(Vertx vertx, int port) {
    this.http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    this.port = port;
  }

  public Answer post(String path, JsonObject body, String token) {
    return post(path, body.toBuffer(), token);
  }

  public Answer post(String path, Buffer body, String token) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setPort(port).setURI(path);
    if (token != null) {
      options.putHeader("Authorization", "Bearer " + token);
    }
    options.putHeader("content-type", "application/json");
    return TestCluster.await(
        http.request(options)
            .compose(req -> req.send(body))
            .compose(resp -> resp.body().map(b -> new Answer(resp.statusCode(), b.length() == 0 ? new JsonObject() : b.toJsonObject()))),
        Duration.ofSeconds(15));
  }

  @Override
  public void close() {
    http.close();
  }
}
