package com.degenduel.realtime.testkit;

import io.vertx.core.Context;
import io.vertx.core.Promise;
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

  private final Context context;
  private final HttpClient http;
  private final int port;

  public FactClient(Vertx vertx, int port) {
    this.context = vertx.getOrCreateContext();
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
    // A Vert.x 5 client response drops the body chunks that arrive before body() is asked for. Asked
    // from the test thread, the request's callbacks ran on another context than the connection's
    // event loop, one hop late, and now and then a whole answer came back empty. On one context the
    // connection lives on that context's loop and body() is asked in the turn the head arrives.
    Promise<Answer> answer = Promise.promise();
    context.runOnContext(
        v ->
            http.request(options)
                .compose(req -> req.send(body).compose(resp -> resp.body().map(b -> answer(resp.statusCode(), b))))
                .onComplete(answer));
    return TestCluster.await(answer.future(), Duration.ofSeconds(15));
  }

  private static Answer answer(int status, Buffer body) {
    return new Answer(status, body.length() == 0 ? new JsonObject() : body.toJsonObject());
  }

  @Override
  public void close() {
    http.close();
  }
}
