package com.degenduel.realtime.simulator.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's control endpoints speak JSON: bodies are small JSON objects (or empty), answers
 * JSON objects, refusals {@code {code, message}} with a 4xx status.
 */
public final class Answers {
  private static final Logger LOG = LoggerFactory.getLogger(Answers.class);

  private static final int MAX_BODY_BYTES = 4096;

  private Answers() {}

  /** Reads bodies up to a few kilobytes; larger ones are answered 413 by the handler. */
  public static BodyHandler smallBodies() {
    return BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
  }

  public static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
  }

  public static void refuse(RoutingContext ctx, int status, String code, String message) {
    json(ctx, status, new JsonObject().put("code", code).put("message", message));
  }

  /** The body as a JSON object; an empty body is an empty object. */
  public static JsonObject body(RoutingContext ctx) {
    if (ctx.body().buffer() == null || ctx.body().length() == 0) {
      return new JsonObject();
    }
    try {
      Object parsed = ctx.body().buffer().toJsonValue();
      if (parsed instanceof JsonObject o) {
        return o;
      }
    } catch (DecodeException e) {
      // refused below
    }
    throw badRequest("the body must be a JSON object");
  }

  /** A number field within bounds, or the default when absent. */
  public static double number(JsonObject body, String field, double min, double max, double absent) {
    Object value = body.getValue(field);
    if (value == null) {
      return absent;
    }
    if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue()) || n.doubleValue() < min || n.doubleValue() > max) {
      throw badRequest("field '" + field + "' must be a number from " + plain(min) + " to " + plain(max));
    }
    return n.doubleValue();
  }

  public static int whole(JsonObject body, String field, int min, int max, int absent) {
    double value = number(body, field, min, max, absent);
    if (value != Math.rint(value)) {
      throw badRequest("field '" + field + "' must be a whole number from " + min + " to " + max);
    }
    return (int) value;
  }

  private static String plain(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  /** A request the endpoint refuses: answered with its status and {@code {code, message}}. */
  public static final class Refused extends RuntimeException {
    private final int status;
    private final String code;

    public Refused(int status, String code, String message) {
      super(message, null, false, false);
      this.status = status;
      this.code = code;
    }
  }

  public static Refused badRequest(String message) {
    return new Refused(400, "BAD_REQUEST", message);
  }

  /** Route failure handler: a {@link Refused} as it says, an oversized body a 413, anything else a 500. */
  public static void failed(RoutingContext ctx) {
    if (ctx.failure() instanceof Refused refused) {
      refuse(ctx, refused.status, refused.code, refused.getMessage());
    } else if (ctx.statusCode() == 413) {
      refuse(ctx, 413, "BODY_TOO_LARGE", "the body may be at most " + MAX_BODY_BYTES + " bytes");
    } else {
      LOG.warn("{} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
      refuse(ctx, 500, "INTERNAL_ERROR", "the simulator could not carry out the request");
    }
  }
}
