package com.degenduel.realtime.gateway.demo;

import com.degenduel.realtime.node.launch.DemoPage;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live demo page of a development gateway: the files its build lists, read once from the
 * classpath and held in memory (a few dozen kilobytes), served by exact path under {@link
 * DemoPage#PATH}. Any other path is left to the gateway, which answers it as it answers every path
 * that is not an endpoint; so is every path when the page is off ({@link #NONE}).
 */
public final class DemoPageFiles {
  private static final Logger LOG = LoggerFactory.getLogger(DemoPageFiles.class);

  /** Serves nothing. */
  public static final DemoPageFiles NONE = new DemoPageFiles(Map.of());

  /**
   * Scripts, styles and connections (the WebSockets included) of the page's own origin only;
   * nothing inline, nothing framed, no forms, no base URL.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
          + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private static final Map<String, String> CONTENT_TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "svg", "image/svg+xml",
          "map", "application/json; charset=utf-8");

  private static final String INDEX = "index.html";
  private static final String WITHOUT_SLASH = DemoPage.PATH.substring(0, DemoPage.PATH.length() - 1);

  private record PageFile(String contentType, byte[] body) {}

  private final Map<String, PageFile> byPath;

  private DemoPageFiles(Map<String, PageFile> byPath) {
    this.byPath = Map.copyOf(byPath);
  }

  /**
   * Reads the page's files from {@code loader}, which blocks; {@link #NONE} when the page's jar is
   * not on the classpath (a build without npm).
   */
  public static DemoPageFiles load(ClassLoader loader) {
    byte[] list = read(loader, DemoPage.FILE_LIST);
    if (list == null) {
      LOG.info("no demo page to serve in development mode: it is not built (a build with Node.js and npm makes it)");
      return NONE;
    }
    Map<String, PageFile> files = new HashMap<>();
    for (String name : new String(list, StandardCharsets.UTF_8).split("\n")) {
      if (name.isBlank()) {
        continue;
      }
      byte[] body = read(loader, DemoPage.RESOURCES + name);
      if (body == null) {
        throw new IllegalStateException("the demo page lists " + name + ", which is not on the classpath");
      }
      PageFile file = new PageFile(contentType(name), body);
      files.put(DemoPage.PATH + name, file);
      if (name.equals(INDEX)) {
        files.put(DemoPage.PATH, file);
      }
    }
    if (!files.containsKey(DemoPage.PATH)) {
      throw new IllegalStateException("the demo page has no " + INDEX);
    }
    LOG.info("serving the demo page at {} ({} files)", DemoPage.PATH, files.size() - 1);
    return new DemoPageFiles(files);
  }

  /** Answers {@code request} when it names one of the page's files, and says whether it did. */
  public boolean serve(HttpServerRequest request) {
    HttpServerResponse response = request.response();
    if (!byPath.isEmpty() && request.path().equals(WITHOUT_SLASH)) {
      // The page's relative links need the trailing slash; the browser keeps the fragment across the redirect.
      response.setStatusCode(301).putHeader(HttpHeaders.LOCATION, DemoPage.PATH).end();
      return true;
    }
    PageFile file = byPath.get(request.path());
    if (file == null) {
      return false;
    }
    if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
      response.setStatusCode(405).putHeader(HttpHeaders.ALLOW, "GET, HEAD").end();
      return true;
    }
    response
        .putHeader(HttpHeaders.CONTENT_TYPE, file.contentType())
        .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer")
        // The page is rebuilt with the client; a browser must never run an old copy against a new gateway.
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(Buffer.buffer(file.body()));
    return true;
  }

  private static String contentType(String name) {
    String type = CONTENT_TYPES.get(name.substring(name.lastIndexOf('.') + 1));
    if (type == null) {
      throw new IllegalStateException("the demo page lists " + name + ", a kind of file it has no content type for");
    }
    return type;
  }

  private static byte[] read(ClassLoader loader, String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
