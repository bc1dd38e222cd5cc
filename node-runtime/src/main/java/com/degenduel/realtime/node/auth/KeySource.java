package com.degenduel.realtime.node.auth;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.Locale;
import java.util.Set;

/**
 * Where verification keys are read from: a file, or a URL fetched over HTTPS. Reads never block
 * the calling thread, which is usually an event loop.
 */
interface KeySource {
  Future<Buffer> read();

  /** A file path, or an {@code https://} URL ({@code http://} only on the loopback interface). */
  static KeySource at(Vertx vertx, String location) {
    String lower = location.toLowerCase(Locale.ROOT);
    if (lower.startsWith("https://") || lower.startsWith("http://")) {
      return new Url(vertx, url(location));
    }
    return new File(vertx, location);
  }

  private static URL url(String location) {
    URL url;
    try {
      url = new URI(location).toURL();
    } catch (URISyntaxException | MalformedURLException | IllegalArgumentException e) {
      throw new IllegalArgumentException("DD_JWT_JWKS is not a valid URL");
    }
    if (url.getProtocol().equals("http") && !Url.LOOPBACK.contains(url.getHost())) {
      throw new IllegalArgumentException(
          "DD_JWT_JWKS must be fetched over https: keys read over plain http could be replaced on the way");
    }
    return url;
  }

  record File(Vertx vertx, String path) implements KeySource {
    @Override
    public Future<Buffer> read() {
      return vertx.fileSystem().readFile(path);
    }

    @Override
    public String toString() {
      return path;
    }
  }

  /** An identity provider's key set endpoint; bounded in time and size, as it is read while tokens wait. */
  final class Url implements KeySource {
    static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");
    private static final int TIMEOUT_MS = 5000;
    private static final int MAX_BYTES = 1 << 20;

    private final URL url;
    private final Context context;
    private final HttpClient client;

    Url(Vertx vertx, URL url) {
      this.url = url;
      this.context = vertx.getOrCreateContext();
      this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(TIMEOUT_MS));
    }

    /**
     * Always sent from one context: a response's body must be asked for in the turn its head
     * arrives, on the connection's own event loop, or chunks that came first are dropped.
     */
    @Override
    public Future<Buffer> read() {
      RequestOptions request = new RequestOptions()
          .setMethod(HttpMethod.GET)
          .setAbsoluteURI(url)
          .setIdleTimeout(TIMEOUT_MS)
          .putHeader(HttpHeaders.ACCEPT, "application/json");
      Promise<Buffer> read = Promise.promise();
      context.runOnContext(v -> {
        try {
          client.request(request).compose(r -> r.send()).compose(Url::body).onComplete(read);
        } catch (IllegalStateException closed) {
          // A periodic read can fire while Vert.x closes, after the client has.
          read.fail(closed);
        }
      });
      return read.future();
    }

    private static Future<Buffer> body(HttpClientResponse response) {
      return response.body().compose(body -> {
        if (response.statusCode() != 200) {
          return Future.failedFuture("the key set URL answered " + response.statusCode());
        }
        if (body.length() > MAX_BYTES) {
          return Future.failedFuture("the key set is larger than " + MAX_BYTES + " bytes");
        }
        return Future.succeededFuture(body);
      });
    }

    /** Scheme, host, port and path: a query or user info may hold credentials and is left out of logs. */
    @Override
    public String toString() {
      return url.getProtocol() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort()) + url.getPath();
    }
  }
}
