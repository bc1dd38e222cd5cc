package com.degenduel.realtime.loadtest;

import com.degenduel.realtime.node.auth.Role;
import com.degenduel.realtime.node.auth.TokenIssuer;
import com.degenduel.realtime.node.config.NodeConfig;
import com.degenduel.realtime.node.config.Setting;
import com.degenduel.realtime.node.ingest.FactApi;
import com.degenduel.realtime.codec.wire.WireTime;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PemTrustOptions;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ingestion end to end, as the real backend and the frontend see it: {@code watched} wallets each
 * watched by one WSS portfolio connection through the gateway, then {@code facts} trades posted to
 * the portfolio service's batch API ({@code batch} per request, {@code concurrency} requests in
 * flight), spread over the watched wallets and {@code unwatched} others. It reports the facts
 * acknowledged per second, and the facts per second until every watched wallet's TRADE_EXECUTED
 * has reached its connection, with any missing or repeated one. With {@code resume-facts}, it then
 * closes the watched connections, posts that many more trades per watched wallet, reconnects each
 * with {@code since} and {@code epoch} of the last trade it had received, and reports how long each
 * took from its reconnect to the last missed trade. Targets loopback only; stops by itself.
 */
final class IngestBench {
  private static final Set<String> FLAGS = Set.of(
      "--host", "--port", "--portfolio-ingest", "--watched", "--unwatched", "--facts", "--batch", "--concurrency",
      "--trust", "--resume-facts");
  private static final Duration DELIVERY_PATIENCE = Duration.ofSeconds(60);

  record Plan(String host, int port, String ingest, int watched, int unwatched, int facts, int batch, int concurrency,
      Path trust, NodeConfig tokens, int resumeFacts) {}

  /** The last trade a watched wallet's connection received: where it resumes. */
  private record Position(long seq, String epoch) {}

  private final Plan plan;
  private final PrintStream progress;
  private final String run = Long.toString(System.currentTimeMillis(), 36);
  private final Set<String> delivered = ConcurrentHashMap.newKeySet();
  private final AtomicInteger repeated = new AtomicInteger();
  private final Map<String, AtomicInteger> perWallet = new ConcurrentHashMap<>();
  private final Map<String, Position> lastReceived = new ConcurrentHashMap<>();
  /** Held for the whole run: Vert.x closes a WebSocket client, and its sockets, once it is unreachable. */
  private WebSocketClient client;

  IngestBench(Plan plan, PrintStream progress) {
    this.plan = plan;
    this.progress = progress;
  }

  static Plan parse(List<String> args) {
    Map<String, String> flags = new HashMap<>();
    List<String> config = new ArrayList<>();
    for (int i = 0; i + 1 < args.size(); i += 2) {
      if (FLAGS.contains(args.get(i))) {
        flags.put(args.get(i), args.get(i + 1));
      } else {
        config.add(args.get(i));
        config.add(args.get(i + 1));
      }
    }
    NodeConfig node = NodeConfig.from(System.getenv(), config);
    Plan plan = new Plan(
        flags.getOrDefault("--host", "127.0.0.1"),
        Integer.parseInt(flags.getOrDefault("--port", node.get(Setting.GATEWAY_PORT))),
        flags.getOrDefault("--portfolio-ingest", "http://127.0.0.1:" + node.get(Setting.PORTFOLIO_INGEST_PORT)),
        Integer.parseInt(flags.getOrDefault("--watched", "500")),
        Integer.parseInt(flags.getOrDefault("--unwatched", "0")),
        Integer.parseInt(flags.getOrDefault("--facts", "50000")),
        Integer.parseInt(flags.getOrDefault("--batch", "100")),
        Integer.parseInt(flags.getOrDefault("--concurrency", "8")),
        Path.of(flags.getOrDefault("--trust", Path.of(node.get(Setting.DEV_TLS_DIR), "dev-gateway.pem").toString())),
        node,
        Integer.parseInt(flags.getOrDefault("--resume-facts", "0")));
    LoadPlan.requireLoopback(plan.host());
    LoadPlan.requireLoopback(URI.create(plan.ingest()).getHost());
    if (plan.watched() < 1 || plan.facts() < 1 || plan.batch() < 1 || plan.batch() > FactApi.MAX_BATCH
        || plan.concurrency() < 1 || plan.unwatched() < 0 || plan.resumeFacts() < 0) {
      throw new IllegalArgumentException("watched, facts and concurrency must be positive, batch 1.." + FactApi.MAX_BATCH);
    }
    return plan;
  }

  /** Returns the process exit code: 0 when every fact was acknowledged and every watched one delivered once. */
  int run() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      TokenIssuer tokens = TokenIssuer.development(vertx, plan.tokens());
      List<WebSocket> sockets = watch(vertx, tokens);
      progress.printf("watching %d wallets over WSS; posting %d facts in batches of %d, %d in flight%n",
          sockets.size(), plan.facts(), plan.batch(), plan.concurrency());
      progress.println("posting");
      long start = System.nanoTime();
      String serviceToken = tokens.issue("IngestBench", Role.SERVICE, "ingestbench", Duration.ofHours(1));
      List<Long> ackNanos = post(vertx, serviceToken, plan.facts(), plan.watched() + plan.unwatched(), prefix());
      long acked = System.nanoTime();
      progress.println("acknowledged");
      int expected = expectedDeliveries();
      long deadline = acked + DELIVERY_PATIENCE.toNanos();
      while (delivered.size() < expected && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      long done = System.nanoTime();
      progress.println("delivered");
      Future.all(sockets.stream().map(WebSocket::close).toList()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      report(start, acked, done, expected, ackNanos);
      boolean resumedAll = plan.resumeFacts() == 0 || resume(vertx, tokens, serviceToken);
      return delivered.size() == expected && repeated.get() == 0 && resumedAll ? 0 : 1;
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private List<WebSocket> watch(Vertx vertx, TokenIssuer tokens) throws Exception {
    client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setSsl(true)
        .setSslEngineOptions(OpenSSLEngineOptions.isAvailable() ? new OpenSSLEngineOptions() : new JdkSSLEngineOptions())
        .setTrustOptions(new PemTrustOptions().addCertPath(plan.trust().toString()))
        .setVerifyHost(false)
        .setMaxConnections(plan.watched()));
    List<WebSocket> sockets = new ArrayList<>();
    for (int i = 0; i < plan.watched(); i += 64) {
      List<Future<WebSocket>> opening = new ArrayList<>();
      for (int w = i; w < Math.min(plan.watched(), i + 64); w++) {
        opening.add(open(client, tokens, wallet(w)));
      }
      for (Future<WebSocket> f : opening) {
        sockets.add(f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
      }
    }
    return sockets;
  }

  /** Completes once the connection holds its snapshot: from then on every trade of the wallet reaches it. */
  private Future<WebSocket> open(WebSocketClient client, TokenIssuer tokens, String wallet) {
    Promise<WebSocket> ready = Promise.promise();
    WebSocketConnectOptions options = new WebSocketConnectOptions()
        .setHost(plan.host()).setPort(plan.port()).setSsl(true).setURI("/api/v2/ws/portfolio").setAllowOriginHeader(false)
        .addSubProtocol(tokens.issue(wallet, Role.USER, null, Duration.ofHours(1)));
    client.connect(options).onFailure(ready::tryFail).onSuccess(ws -> ws.textMessageHandler(text -> {
      JsonObject message = new JsonObject(text);
      String type = message.getString("type");
      if ("PORTFOLIO_UPDATED".equals(type)) {
        ready.tryComplete(ws);
      } else if ("TRADE_EXECUTED".equals(type)) {
        String id = message.getJsonObject("data").getString("trade_id");
        if (id.startsWith(prefix()) && !delivered.add(id)) {
          repeated.incrementAndGet();
        } else if (id.startsWith(prefix())) {
          perWallet.computeIfAbsent(wallet, w -> new AtomicInteger()).incrementAndGet();
          lastReceived.put(wallet, new Position(message.getLong("seq"), message.getString("epoch")));
        }
      }
    }));
    return ready.future();
  }

  /**
   * Posts {@code resume-facts} trades per watched wallet while their connections are closed, then
   * reconnects each where it left off and times it until its last missed trade has arrived.
   */
  private boolean resume(Vertx vertx, TokenIssuer tokens, String serviceToken) throws Exception {
    String missedPrefix = prefix() + "missed-";
    post(vertx, serviceToken, plan.resumeFacts() * plan.watched(), plan.watched(), missedPrefix);
    List<Long> nanos = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicInteger recovered = new AtomicInteger();
    AtomicInteger replayed = new AtomicInteger();
    List<WebSocket> sockets = new ArrayList<>();
    for (int i = 0; i < plan.watched(); i += 64) {
      List<Future<WebSocket>> opening = new ArrayList<>();
      for (int w = i; w < Math.min(plan.watched(), i + 64); w++) {
        opening.add(reopen(wallet(w), tokens, missedPrefix, nanos, recovered, replayed));
      }
      for (Future<WebSocket> f : opening) {
        sockets.add(f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS));
      }
    }
    Future.all(sockets.stream().map(WebSocket::close).toList()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf("resumed %d connections, %d with recovered:true, %d missed trades replayed: from reconnect to the last"
            + " missed trade p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        sorted.length, recovered.get(), replayed.get(), percentile(sorted, 0.5), percentile(sorted, 0.99),
        sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
    return recovered.get() == plan.watched() && replayed.get() == plan.watched() * plan.resumeFacts();
  }

  /** Completes once the wallet's last missed trade has arrived on the resumed connection. */
  private Future<WebSocket> reopen(String wallet, TokenIssuer tokens, String missedPrefix, List<Long> nanos,
      AtomicInteger recovered, AtomicInteger replayed) {
    Position from = lastReceived.get(wallet);
    String resume = from == null ? "" : "?since=" + from.seq() + "&epoch=" + from.epoch();
    Promise<WebSocket> caughtUp = Promise.promise();
    AtomicInteger missed = new AtomicInteger();
    long started = System.nanoTime();
    WebSocketConnectOptions options = new WebSocketConnectOptions()
        .setHost(plan.host()).setPort(plan.port()).setSsl(true).setURI("/api/v2/ws/portfolio" + resume).setAllowOriginHeader(false)
        .addSubProtocol(tokens.issue(wallet, Role.USER, null, Duration.ofHours(1)));
    client.connect(options).onFailure(caughtUp::tryFail).onSuccess(ws -> ws.textMessageHandler(text -> {
      JsonObject message = new JsonObject(text);
      String type = message.getString("type");
      if ("RESUMED".equals(type)) {
        if (message.getJsonObject("data").getBoolean("recovered")) {
          recovered.incrementAndGet();
        }
      } else if ("TRADE_EXECUTED".equals(type) && message.getJsonObject("data").getString("trade_id").startsWith(missedPrefix)) {
        replayed.incrementAndGet();
        if (missed.incrementAndGet() == plan.resumeFacts()) {
          nanos.add(System.nanoTime() - started);
          caughtUp.tryComplete(ws);
        }
      }
    }));
    return caughtUp.future();
  }

  private List<Long> post(Vertx vertx, String serviceToken, int facts, int wallets, String idPrefix) throws Exception {
    URI ingest = URI.create(plan.ingest());
    HttpClient http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(plan.concurrency()));
    AtomicInteger next = new AtomicInteger();
    AtomicLong failures = new AtomicLong();
    List<Long> ackNanos = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Future<Void>> lanes = new ArrayList<>();
    for (int c = 0; c < plan.concurrency(); c++) {
      Promise<Void> lane = Promise.promise();
      vertx.runOnContext(v -> postNext(new Round(http, ingest, serviceToken, facts, wallets, idPrefix, next, failures, ackNanos), lane));
      lanes.add(lane.future());
    }
    Future.all(lanes).toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
    if (failures.get() > 0) {
      progress.printf("%d facts were not acknowledged%n", failures.get());
    }
    return ackNanos;
  }

  /** One posting of {@code facts} trades with ids {@code idPrefix + i}, round-robin over the first {@code wallets}. */
  private record Round(HttpClient http, URI ingest, String token, int facts, int wallets, String idPrefix,
      AtomicInteger next, AtomicLong failures, List<Long> ackNanos) {}

  private void postNext(Round round, Promise<Void> lane) {
    int from = round.next().getAndAdd(plan.batch());
    if (from >= round.facts()) {
      lane.complete();
      return;
    }
    int to = Math.min(round.facts(), from + plan.batch());
    JsonArray trades = new JsonArray();
    for (int i = from; i < to; i++) {
      trades.add(new JsonObject()
          .put("trade_id", round.idPrefix() + i)
          .put("wallet_address", wallet(i % round.wallets()))
          .put("symbol", "BTC").put("side", "buy").put("amount", 0.001).put("price", 100)
          .put("timestamp", WireTime.format(WireTime.now())));
    }
    long sent = System.nanoTime();
    round.http().request(new RequestOptions().setMethod(HttpMethod.POST).setHost(round.ingest().getHost())
            .setPort(round.ingest().getPort()).setURI("/facts/trades/batch").putHeader("Authorization", "Bearer " + round.token())
            .putHeader("content-type", "application/json"))
        .compose(request -> request.send(Buffer.buffer(new JsonObject().put("trades", trades).encode())))
        .compose(response -> response.body().map(body -> response.statusCode() == 200 ? body.toJsonObject() : null))
        .onComplete(r -> {
          round.ackNanos().add(System.nanoTime() - sent);
          if (r.failed() || r.result() == null) {
            round.failures().addAndGet(to - from);
          } else {
            for (Object result : r.result().getJsonArray("results")) {
              if (((JsonObject) result).containsKey("code")) {
                round.failures().incrementAndGet();
              }
            }
          }
          postNext(round, lane);
        });
  }

  private int expectedDeliveries() {
    int wallets = plan.watched() + plan.unwatched();
    int expected = 0;
    for (int i = 0; i < plan.facts(); i++) {
      if (i % wallets < plan.watched()) {
        expected++;
      }
    }
    return expected;
  }

  private void report(long start, long acked, long done, int expected, List<Long> ackNanos) {
    double ackSeconds = (acked - start) / 1e9;
    double doneSeconds = (done - start) / 1e9;
    long[] sorted = ackNanos.stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf("acknowledged %d facts in %.2f s: %.0f facts/s%n", plan.facts(), ackSeconds, plan.facts() / ackSeconds);
    System.out.printf("delivered %d of %d watched TRADE_EXECUTED, %d repeated, all within %.2f s: %.0f facts/s end to end%n",
        delivered.size(), expected, repeated.get(), doneSeconds, plan.facts() / doneSeconds);
    if (delivered.size() < expected) {
      List<Integer> counts = new ArrayList<>();
      for (int w = 0; w < plan.watched(); w++) {
        AtomicInteger count = perWallet.get(wallet(w));
        counts.add(count == null ? 0 : count.get());
      }
      System.out.printf("TRADE_EXECUTED received per watched wallet: %s%n", counts);
    }
    System.out.printf("batch acknowledgement (%d facts): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        plan.batch(), percentile(sorted, 0.5), percentile(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
  }

  private static double percentile(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
  }

  private String prefix() {
    return "ib-" + run + "-";
  }

  private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

  /**
   * A valid 44-character base58 wallet address per index, as random-looking as real ones: addresses
   * that differ only in a few characters would collide in hash tables as real wallets do not.
   */
  static String wallet(int index) {
    char[] address = new char[44];
    long state = index * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
    for (int i = 0; i < address.length; i++) {
      state ^= state >>> 33;
      state *= 0xFF51AFD7ED558CCDL;
      state ^= state >>> 29;
      address[i] = BASE58.charAt((int) Math.floorMod(state, (long) BASE58.length()));
    }
    return new String(address);
  }

}
