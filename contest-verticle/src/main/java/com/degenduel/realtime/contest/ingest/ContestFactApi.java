package com.degenduel.realtime.contest.ingest;

import com.degenduel.realtime.contest.ingest.ContestFacts.TransitionKind;
import com.degenduel.realtime.node.auth.TokenVerifier;
import com.degenduel.realtime.node.ingest.FactApi;
import com.degenduel.realtime.node.ingest.FactRejected;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The contest service's internal ingestion API, and its side of the contest-trade hand-over from
 * the portfolio service.
 *
 * <ul>
 *   <li>{@code POST /facts/contests}: {@code event_id, contest_id, name, total_prize_pool,
 *       starting_balance, duration_seconds, timestamp}
 *   <li>{@code POST /facts/contests/:contestId/start|complete|cancel}: {@code event_id, timestamp}
 *   <li>{@code POST /facts/contests/:contestId/round}: {@code event_id, round, timestamp}
 *   <li>{@code POST /facts/contests/:contestId/participants}: {@code event_id, action (join|leave),
 *       wallet_address, username, timestamp}
 * </ul>
 */
public final class ContestFactApi {
  private ContestFactApi() {}

  public static Future<HttpServer> listen(
      Vertx vertx, TokenVerifier verifier, ContestIngest ingest, String host, int port) {
    FactApi api = FactApi.create(vertx, verifier)
        .post("/facts/contests", (ctx, body) -> ingest.apply(ContestFacts.Created.parse(body)))
        .post("/facts/contests/:contestId/participants", (ctx, body) ->
            ingest.apply(ContestFacts.Participation.parse(FactApi.pathId(ctx, "contestId"), body)));
    for (TransitionKind kind : TransitionKind.values()) {
      api.post("/facts/contests/:contestId/" + kind.name().toLowerCase(), (ctx, body) ->
          ingest.apply(ContestFacts.Transition.parse(FactApi.pathId(ctx, "contestId"), kind, body)));
    }
    return api.listen(host, port);
  }

  /** Answers {@code {id, applied, duplicate}}, or fails with the HTTP status and {@code "CODE: message"}. */
  public static MessageConsumer<JsonObject> acceptTrades(Vertx vertx, ContestIngest ingest, List<String> symbols,
      String address) {
    return vertx.eventBus().consumer(address, message -> {
      Future<JsonObject> result;
      try {
        result = ingest.apply(ContestFacts.Trade.parse(message.body(), symbols));
      } catch (RuntimeException e) {
        result = Future.failedFuture(e);
      }
      result.onComplete(r -> {
        if (r.succeeded()) {
          message.reply(r.result());
        } else if (r.cause() instanceof FactRejected rejected) {
          message.fail(rejected.error().status(), rejected.toReplyMessage());
        } else {
          message.fail(500, "INTERNAL_ERROR: the contest trade could not be processed; retry later");
        }
      });
    });
  }
}
