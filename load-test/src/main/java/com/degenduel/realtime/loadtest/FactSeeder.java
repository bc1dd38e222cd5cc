package com.degenduel.realtime.loadtest;

import com.degenduel.realtime.codec.wire.WireTime;
import com.degenduel.realtime.node.auth.Role;
import com.degenduel.realtime.node.auth.TokenIssuer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives the load test's wallets and contests something to stream, through the same ingestion APIs
 * the real backend uses: every portfolio wallet buys a token (so price moves revalue it about once
 * a second), and each contest gets participants holding tokens (so its leaderboard churns).
 */
final class FactSeeder {
  private static final int CONCURRENCY = 64;

  private final Vertx vertx;
  private final HttpClient http;
  private final String serviceToken;
  private final String runId = Long.toString(System.currentTimeMillis(), 36);

  FactSeeder(Vertx vertx, LoadPlan plan) {
    this.vertx = vertx;
    this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(CONCURRENCY));
    this.serviceToken =
        TokenIssuer.development(vertx, plan.tokens()).issue("LoadTestService", Role.SERVICE, "loadtest", Duration.ofHours(2));
  }

  Future<Void> holdings(String ingest, List<String> wallets, List<String> symbols) {
    List<JsonObject> trades = new ArrayList<>();
    for (int i = 0; i < wallets.size(); i++) {
      trades.add(trade("t" + runId + "-" + i, wallets.get(i), symbols.get(i % symbols.size()), null));
    }
    return postAll(ingest, "/facts/trades", trades);
  }

  Future<Void> contests(String contestIngest, String portfolioIngest, List<String> contestIds, List<String> wallets, String symbol) {
    List<JsonObject> created = new ArrayList<>();
    for (String id : contestIds) {
      created.add(
          new JsonObject()
              .put("event_id", id + "-created")
              .put("contest_id", id)
              .put("name", "Load test " + id)
              .put("total_prize_pool", 10_000)
              .put("starting_balance", 1_000_000)
              .put("duration_seconds", 3600)
              .put("timestamp", WireTime.format(WireTime.now())));
    }
    return postAll(contestIngest, "/facts/contests", created)
        .compose(v -> forEachContest(contestIngest, contestIds, "participants", wallets))
        .compose(v -> forEachContest(contestIngest, contestIds, "start", List.of()))
        .compose(
            v -> {
              List<JsonObject> trades = new ArrayList<>();
              for (int c = 0; c < contestIds.size(); c++) {
                for (int w = 0; w < wallets.size(); w++) {
                  trades.add(trade("c" + runId + "-" + c + "-" + w, wallets.get(w), symbol, contestIds.get(c)));
                }
              }
              return postAll(portfolioIngest, "/facts/trades", trades);
            });
  }

  String contestId(int index) {
    return "load-" + runId + "-" + index;
  }

  void close() {
    http.close();
  }

  private Future<Void> forEachContest(String ingest, List<String> contestIds, String action, List<String> wallets) {
    List<Future<Void>> all = new ArrayList<>();
    for (String id : contestIds) {
      if (wallets.isEmpty()) {
        all.add(post(ingest, "/facts/contests/" + id + "/" + action, new JsonObject().put("event_id", id + "-" + action).put("timestamp", now())));
      } else {
        List<JsonObject> joins = new ArrayList<>();
        for (int w = 0; w < wallets.size(); w++) {
          String wallet = wallets.get(w);
          joins.add(
              new JsonObject()
                  .put("event_id", id + "-join-" + w)
                  .put("action", "join")
                  .put("wallet_address", wallet)
                  .put("username", "load" + wallet.substring(wallet.length() - 6))
                  .put("timestamp", now()));
        }
        all.add(postAll(ingest, "/facts/contests/" + id + "/participants", joins));
      }
    }
    return Future.all(all).mapEmpty();
  }

  private JsonObject trade(String tradeId, String wallet, String symbol, String contestId) {
    JsonObject trade =
        new JsonObject()
            .put("trade_id", tradeId)
            .put("wallet_address", wallet)
            .put("symbol", symbol)
            .put("side", "buy")
            .put("amount", 1)
            .put("price", 1)
            .put("timestamp", now());
    return contestId == null ? trade : trade.put("contest_id", contestId);
  }

  /** Posts with bounded concurrency and fails on the first refused fact, saying which. */
  private Future<Void> postAll(String ingest, String path, List<JsonObject> bodies) {
    List<Future<Void>> lanes = new ArrayList<>();
    for (int lane = 0; lane < CONCURRENCY; lane++) {
      int start = lane;
      Future<Void> chain = Future.succeededFuture();
      for (int i = start; i < bodies.size(); i += CONCURRENCY) {
        JsonObject body = bodies.get(i);
        chain = chain.compose(v -> post(ingest, path, body));
      }
      lanes.add(chain);
    }
    return Future.all(lanes).mapEmpty();
  }

  /** A 503 means "retry the same fact later" (a service is taking over or busy): up to 10 times, a second apart. */
  private Future<Void> post(String ingest, String path, JsonObject body) {
    return post(ingest, path, body, 10);
  }

  private Future<Void> post(String ingest, String path, JsonObject body, int triesLeft) {
    return attempt(ingest, path, body)
        .recover(
            e -> {
              if (triesLeft <= 1 || !(e instanceof Unavailable)) {
                return Future.failedFuture(e);
              }
              Promise<Void> later = Promise.promise();
              vertx.setTimer(1000, t -> post(ingest, path, body, triesLeft - 1).onComplete(later));
              return later.future();
            });
  }

  private static final class Unavailable extends RuntimeException {
    Unavailable(String message) {
      super(message, null, false, false);
    }
  }

  private Future<Void> attempt(String ingest, String path, JsonObject body) {
    URI base = URI.create(ingest);
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setHost(base.getHost())
            .setPort(base.getPort())
            .setURI(path)
            .putHeader("Authorization", "Bearer " + serviceToken)
            .putHeader("content-type", "application/json");
    return http.request(options)
        .compose(req -> req.send(body.toBuffer()))
        .compose(
            resp ->
                resp.body()
                    .compose(
                        b -> {
                          if (resp.statusCode() < 300) {
                            return Future.<Void>succeededFuture();
                          }
                          String failure = path + " answered " + resp.statusCode() + ": " + b;
                          return Future.failedFuture(resp.statusCode() == 503 ? new Unavailable(failure) : new IllegalStateException(failure));
                        }));
  }

  private static String now() {
    return WireTime.format(WireTime.now());
  }
}
