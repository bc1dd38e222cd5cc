package com.degenduel.realtime.simulator.http;

import com.degenduel.realtime.node.auth.TokenVerifier;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Lets a request through only with {@code Authorization: Bearer <token>} of an admin or superadmin:
 * 401 without a valid token, 403 with another role. The simulator's controls change what every
 * client sees, so they are no more open than the rest of the backend.
 */
public final class AdminGuard implements Handler<RoutingContext> {
  private static final String BEARER = "Bearer ";

  private final TokenVerifier verifier;

  public AdminGuard(TokenVerifier verifier) {
    this.verifier = verifier;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      refuse(ctx, 401, "AUTH_MISSING", "send an admin token as Authorization: Bearer <token>");
      return;
    }
    verifier
        .verify(header.substring(BEARER.length()).trim())
        .onSuccess(
            identity -> {
              if (identity.role().isAdmin()) {
                ctx.next();
              } else {
                refuse(ctx, 403, "FORBIDDEN", "only admin or superadmin may control the simulator");
              }
            })
        .onFailure(e -> refuse(ctx, 401, "AUTH_INVALID", e.getMessage()));
  }

  private static void refuse(RoutingContext ctx, int status, String code, String message) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json")
        .end(new JsonObject().put("code", code).put("message", message).encode());
  }
}
