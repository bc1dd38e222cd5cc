package com.degenduel.realtime.simulator.testapi;

import com.degenduel.realtime.simulator.facts.FactIds;
import com.degenduel.realtime.simulator.facts.FactSender;
import com.degenduel.realtime.simulator.facts.FactSender.Answer;
import com.degenduel.realtime.simulator.facts.FactSender.Service;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Facts the ingestion APIs must refuse, each with the answer it should get, sent one after
 * another. A few valid facts are among them on purpose (a buy and its exact repeat) because the
 * case after them, the same trade id with other content, needs them. Nothing refused may change
 * any state; the few valid facts touch only a fresh wallet that nobody else uses.
 */
final class MalformedFacts {
  /** How a case authenticates. */
  private enum Auth {
    SERVICE,
    USER,
    NONE
  }

  private record Case(String name, Service service, String path, Buffer body, Auth auth, int status, String code) {}

  private final FactSender sender;
  private final List<Case> cases = new ArrayList<>();

  MalformedFacts(FactSender sender, FactIds ids, String freshWallet, String symbol, String demoContest) {
    this.sender = sender;
    JsonObject trade = new JsonObject()
        .put("trade_id", ids.next("bad"))
        .put("wallet_address", freshWallet)
        .put("symbol", symbol)
        .put("side", "buy")
        .put("amount", 0.5)
        .put("price", 100.0)
        .put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
    trade("no service token", trade, Auth.NONE, 401, "UNAUTHORIZED");
    trade("a user's token instead of a service token", trade, Auth.USER, 403, "FORBIDDEN");
    cases.add(new Case("body is not JSON", Service.PORTFOLIO, "/facts/trades", Buffer.buffer("{\"trade_id\": "), Auth.SERVICE,
        400, "INVALID_FACT"));
    cases.add(new Case("body is a JSON array", Service.PORTFOLIO, "/facts/trades", new JsonArray().add(trade).toBuffer(),
        Auth.SERVICE, 400, "INVALID_FACT"));
    trade("trade_id missing", with(trade, t -> { t.remove("trade_id"); return t; }), Auth.SERVICE, 400, "INVALID_FACT");
    trade("wallet_address is not base58", with(trade, t -> t.put("wallet_address", "0x00000000000000000000000000000000deadbeef")),
        Auth.SERVICE, 400, "INVALID_FACT");
    trade("symbol nobody trades", with(trade, t -> t.put("symbol", "NOPE")), Auth.SERVICE, 400, "UNKNOWN_SYMBOL");
    trade("amount zero", with(trade, t -> t.put("amount", 0)), Auth.SERVICE, 400, "INVALID_FACT");
    trade("amount as a string", with(trade, t -> t.put("amount", "0.5")), Auth.SERVICE, 400, "INVALID_FACT");
    trade("price negative", with(trade, t -> t.put("price", -1)), Auth.SERVICE, 400, "INVALID_FACT");
    trade("side neither buy nor sell", with(trade, t -> t.put("side", "hold")), Auth.SERVICE, 400, "INVALID_FACT");
    trade("timestamp not ISO-8601", with(trade, t -> t.put("timestamp", "yesterday")), Auth.SERVICE, 400, "INVALID_FACT");
    trade("selling more than the wallet holds", with(trade, t -> t.put("trade_id", ids.next("bad")).put("side", "sell")),
        Auth.SERVICE, 409, "INSUFFICIENT_HOLDINGS");
    trade("body over 16 KiB", with(trade, t -> t.put("padding", "x".repeat(17 * 1024))), Auth.SERVICE, 400, "INVALID_FACT");
    trade("trade in a contest that does not exist",
        with(trade, t -> t.put("trade_id", ids.next("bad")).put("contest_id", ids.next("no-such-contest"))),
        Auth.SERVICE, 404, "CONTEST_NOT_FOUND");
    cases.add(new Case("no such fact endpoint", Service.PORTFOLIO, "/facts/nothing", trade.toBuffer(), Auth.SERVICE, 404,
        "NOT_FOUND"));
    trade("setup: a valid buy for a fresh wallet", trade, Auth.SERVICE, 200, null);
    trade("the same trade again (applied once)", trade, Auth.SERVICE, 200, null);
    trade("the same trade_id with another amount", with(trade, t -> t.put("amount", 2)), Auth.SERVICE, 409, "FACT_ID_CONFLICT");

    JsonObject event = new JsonObject().put("event_id", ids.next("bad")).put("timestamp", trade.getString("timestamp"));
    contest("start a contest that does not exist", "/" + ids.next("no-such-contest") + "/start", event, 404,
        "CONTEST_NOT_FOUND");
    contest("contest id with characters ids never have", "/bad%21id/start", event, 400, "INVALID_FACT");
    JsonObject created = with(event, e -> e.put("contest_id", ids.next("bad")).put("name", "Malformed").put("total_prize_pool", -5)
        .put("starting_balance", 1000).put("duration_seconds", 60));
    contest("create with a negative prize pool", "", created, 400, "INVALID_FACT");
    contest("create with a duration of 0 seconds", "", with(created, e -> e.put("total_prize_pool", 10).put("duration_seconds", 0)),
        400, "INVALID_FACT");
    contest("start the demo contest again", "/" + demoContest + "/start", event, 409, "ILLEGAL_TRANSITION");
    contest("round 1 (rounds advance from 2)", "/" + demoContest + "/round", with(event, e -> e.put("round", 1)), 400,
        "INVALID_FACT");
    contest("participant action neither join nor leave", "/" + demoContest + "/participants",
        with(event, e -> e.put("action", "dance").put("wallet_address", freshWallet).put("username", "x")), 400, "INVALID_FACT");
    contest("username of 40 characters", "/" + demoContest + "/participants",
        with(event, e -> e.put("action", "join").put("wallet_address", freshWallet).put("username", "u".repeat(40))), 400,
        "INVALID_FACT");
    contest("leave by a wallet that never joined", "/" + demoContest + "/participants",
        with(event, e -> e.put("action", "leave").put("wallet_address", freshWallet).put("username", "x")), 409,
        "NOT_PARTICIPANT");
  }

  private void trade(String name, JsonObject body, Auth auth, int status, String code) {
    cases.add(new Case(name, Service.PORTFOLIO, "/facts/trades", body.toBuffer(), auth, status, code));
  }

  private void contest(String name, String path, JsonObject body, int status, String code) {
    cases.add(new Case(name, Service.CONTEST, "/facts/contests" + path, body.toBuffer(), Auth.SERVICE, status, code));
  }

  private static JsonObject with(JsonObject base, UnaryOperator<JsonObject> change) {
    return change.apply(base.copy());
  }

  /** Sends every case in order; the answer lists what each got next to what it should have got. */
  Future<JsonObject> run(String userWallet) {
    JsonArray results = new JsonArray();
    Future<Void> chain = Future.succeededFuture();
    for (Case c : cases) {
      chain = chain.compose(v -> send(c, userWallet).transform(r -> {
        results.add(result(c, r.succeeded() ? r.result() : null, r.cause()));
        return Future.<Void>succeededFuture();
      }));
    }
    return chain.map(v -> {
      boolean all = results.stream().allMatch(r -> ((JsonObject) r).getBoolean("as_expected"));
      return new JsonObject().put("all_as_expected", all).put("cases", results);
    });
  }

  private Future<Answer> send(Case c, String userWallet) {
    String token = switch (c.auth()) {
      case SERVICE -> sender.serviceToken();
      case USER -> sender.userToken(userWallet);
      case NONE -> null;
    };
    return sender.post(c.service(), c.path(), c.body(), token);
  }

  private static JsonObject result(Case c, Answer answer, Throwable failure) {
    JsonObject expected = new JsonObject().put("status", c.status());
    if (c.code() != null) {
      expected.put("code", c.code());
    }
    JsonObject result = new JsonObject()
        .put("case", c.name())
        .put("endpoint", (c.service() == Service.PORTFOLIO ? "portfolio " : "contest ") + c.path())
        .put("expected", expected);
    if (answer == null) {
      return result.put("got", new JsonObject().put("error", String.valueOf(failure.getMessage()))).put("as_expected", false);
    }
    JsonObject got = new JsonObject().put("status", answer.status());
    if (answer.code() != null) {
      got.put("code", answer.code()).put("message", answer.body().getString("message"));
    }
    boolean asExpected = answer.status() == c.status() && Objects.equals(answer.code(), c.code());
    return result.put("got", got).put("as_expected", asExpected);
  }
}
