package com.degenduel.realtime.node.ingest;

import com.degenduel.realtime.node.auth.AuthFailure;
import com.degenduel.realtime.node.auth.Role;
import com.degenduel.realtime.node.auth.TokenVerifier;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The frame of an internal fact-ingestion API: JSON bodies of bounded size, a service token
 * ({@code Authorization: Bearer <jwt>} with role {@code service} and, when configured, the
 * services' own audience JWT_SERVICE_AUDIENCE) on every request, and every
 * answer a JSON object, errors as {@code {code, message}}. A service adds its routes with {@link
 * #post}, and batch routes, which take many facts in one request, with {@link #postBatch}.
 */
public final class FactApi {
  private static final Logger LOG = LoggerFactory.getLogger(FactApi.class);
  private static final int MAX_BODY_BYTES = 16 * 1024;
  /** Most facts in one batch. */
  public static final int MAX_BATCH = 500;
  private static final int MAX_BATCH_BODY_BYTES = MAX_BATCH * MAX_BODY_BYTES / 8;

  private final Vertx vertx;
  private final Router router;

  private FactApi(Vertx vertx, TokenVerifier verifier) {
    this.vertx = vertx;
    this.router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BATCH_BODY_BYTES));
    VerifiedTokens tokens = new VerifiedTokens(verifier.forServiceTokens());
    router.route().handler(ctx -> authenticate(tokens, ctx));
    router.route().last().handler(ctx -> answer(ctx, FactError.NOT_FOUND.reject("no such fact endpoint")));
    router.route().failureHandler(FactApi::failed);
  }

  public static FactApi create(Vertx vertx, TokenVerifier verifier) {
    return new FactApi(vertx, verifier);
  }

  /** Handles a POST whose body is a JSON object; the handler's result is the 200 answer. */
  public FactApi post(String path, FactHandler handler) {
    router.post(path).handler(ctx -> {
      JsonObject body;
      try {
        if (ctx.body().length() > MAX_BODY_BYTES) {
          throw tooLarge(MAX_BODY_BYTES);
        }
        body = body(ctx);
      } catch (FactRejected e) {
        answer(ctx, e);
        return;
      }
      Future<JsonObject> result;
      try {
        result = handler.handle(ctx, body);
      } catch (RuntimeException e) {
        result = Future.failedFuture(e);
      }
      result.onComplete(r -> {
        if (r.succeeded()) {
          ctx.response().setStatusCode(200).putHeader("content-type", "application/json").end(r.result().encode());
        } else {
          answer(ctx, r.cause());
        }
      });
    });
    return this;
  }

  /**
   * Handles a POST of {@code {"<field>": [fact, ...]}}, up to {@value #MAX_BATCH} facts, each handled
   * as {@link #post} would handle it alone, in the order given (facts of one stream apply in that
   * order). Answers 200 with {@code {"results": [...]}} in the same order: each fact's own answer,
   * or its error as {@code {code, message, status}}; a malformed batch as a whole is refused.
   */
  public FactApi postBatch(String path, String field, FactHandler handler) {
    router.post(path).handler(ctx -> {
      JsonArray facts;
      try {
        facts = body(ctx).getValue(field) instanceof JsonArray array ? array : null;
        if (facts == null || facts.isEmpty() || facts.size() > MAX_BATCH) {
          throw FactError.INVALID_FACT.reject(
              "the body must be {\"" + field + "\": [...]} with 1 to " + MAX_BATCH + " facts");
        }
      } catch (FactRejected e) {
        answer(ctx, e);
        return;
      }
      List<Future<JsonObject>> results = new ArrayList<>(facts.size());
      for (Object fact : facts) {
        Future<JsonObject> result;
        try {
          if (!(fact instanceof JsonObject object)) {
            throw FactError.INVALID_FACT.reject("each fact must be a JSON object");
          }
          result = handler.handle(ctx, object);
        } catch (RuntimeException e) {
          result = Future.failedFuture(e);
        }
        results.add(result.recover(e -> Future.succeededFuture(errorItem(e))));
      }
      Future.all(results).onComplete(all -> {
        JsonArray answers = new JsonArray();
        results.forEach(r -> answers.add(r.result()));
        ctx.response().setStatusCode(200).putHeader("content-type", "application/json")
            .end(new JsonObject().put("results", answers).encode());
      });
    });
    return this;
  }

  public Future<HttpServer> listen(String host, int port) {
    return vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)).requestHandler(router).listen();
  }

  /** A route handler: the request context (for path parameters) and its JSON body. */
  @FunctionalInterface
  public interface FactHandler {
    Future<JsonObject> handle(RoutingContext ctx, JsonObject body);
  }

  /** Path parameters are read through the same checks as body fields. */
  public static String pathId(RoutingContext ctx, String name) {
    return FactFields.id(new JsonObject().put(name, ctx.pathParam(name)), name);
  }

  private static JsonObject body(RoutingContext ctx) {
    try {
      Object parsed = ctx.body().buffer() == null ? null : ctx.body().buffer().toJsonValue();
      if (parsed instanceof JsonObject o) {
        return o;
      }
    } catch (DecodeException e) {
      // falls through to the rejection below
    }
    throw FactError.INVALID_FACT.reject("the body must be a JSON object");
  }

  private static void authenticate(VerifiedTokens verifier, RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      answer(ctx, FactError.UNAUTHORIZED.reject("a service token is required as 'Authorization: Bearer <token>'"));
      return;
    }
    verifier.verify(header.substring(7).trim()).onComplete(r -> {
      if (r.failed()) {
        String reason = r.cause() instanceof AuthFailure a ? a.getMessage() : "the token could not be verified";
        answer(ctx, FactError.UNAUTHORIZED.reject(reason));
      } else if (r.result().role() != Role.SERVICE) {
        answer(ctx, FactError.FORBIDDEN.reject("only service tokens may report facts"));
      } else {
        ctx.next();
      }
    });
  }

  private static void failed(RoutingContext ctx) {
    if (ctx.statusCode() == 413) {
      answer(ctx, tooLarge(MAX_BATCH_BODY_BYTES));
    } else {
      answer(ctx, ctx.failure() != null ? ctx.failure() : FactError.INTERNAL_ERROR.reject("request failed"));
    }
  }

  private static FactRejected tooLarge(int bytes) {
    return FactError.INVALID_FACT.reject("the body is larger than " + bytes + " bytes");
  }

  private static FactRejected rejection(Throwable failure) {
    if (failure instanceof FactRejected r) {
      return r;
    }
    LOG.error("fact ingestion failed", failure);
    return FactError.INTERNAL_ERROR.reject("the fact could not be processed; retry later");
  }

  private static JsonObject errorItem(Throwable failure) {
    FactRejected rejected = rejection(failure);
    return new JsonObject().put("code", rejected.error().name()).put("message", rejected.getMessage())
        .put("status", rejected.error().status());
  }

  private static void answer(RoutingContext ctx, Throwable failure) {
    FactRejected rejected = rejection(failure);
    if (ctx.response().ended()) {
      return;
    }
    ctx.response()
        .setStatusCode(rejected.error().status())
        .putHeader("content-type", "application/json")
        .end(new JsonObject().put("code", rejected.error().name()).put("message", rejected.getMessage()).encode());
  }
}
