package com.degenduel.realtime.node.ingest;

import com.degenduel.realtime.node.auth.AuthFailure;
import com.degenduel.realtime.node.auth.Role;
import com.degenduel.realtime.node.auth.TokenVerifier;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The frame of an internal fact-ingestion API: JSON bodies of bounded size, a service token
 * ({@code Authorization: Bearer <jwt>} with role {@code service}) on every request, and every
 * answer a JSON object, errors as {@code {code, message}}. A service adds its routes with {@link
 * #post}.
 */
public final class FactApi {
  private static final Logger LOG = LoggerFactory.getLogger(FactApi.class);
  private static final int MAX_BODY_BYTES = 16 * 1024;

  private final Vertx vertx;
  private final Router router;

  private FactApi(Vertx vertx, TokenVerifier verifier) {
    this.vertx = vertx;
    this.router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
    router.route().handler(ctx -> authenticate(verifier, ctx));
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

  private static void authenticate(TokenVerifier verifier, RoutingContext ctx) {
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
      answer(ctx, FactError.INVALID_FACT.reject("the body is larger than " + MAX_BODY_BYTES + " bytes"));
    } else {
      answer(ctx, ctx.failure() != null ? ctx.failure() : FactError.INTERNAL_ERROR.reject("request failed"));
    }
  }

  private static void answer(RoutingContext ctx, Throwable failure) {
    FactRejected rejected;
    if (failure instanceof FactRejected r) {
      rejected = r;
    } else {
      LOG.error("fact ingestion failed", failure);
      rejected = FactError.INTERNAL_ERROR.reject("the fact could not be processed; retry later");
    }
    if (ctx.response().ended()) {
      return;
    }
    ctx.response()
        .setStatusCode(rejected.error().status())
        .putHeader("content-type", "application/json")
        .end(new JsonObject().put("code", rejected.error().name()).put("message", rejected.getMessage()).encode());
  }
}
