package com.degenduel.realtime.gateway.auth;

import com.degenduel.realtime.codec.close.CloseCode;
import com.degenduel.realtime.codec.error.ErrorCode;
import com.degenduel.realtime.codec.stream.StreamId;
import com.degenduel.realtime.gateway.endpoint.Endpoint;
import com.degenduel.realtime.gateway.endpoint.RequestRejection;
import com.degenduel.realtime.gateway.endpoint.StreamRequest;
import com.degenduel.realtime.node.auth.Identity;
import com.degenduel.realtime.node.auth.Role;
import java.util.List;

/**
 * Role-based access to streams: a user watches their own portfolio, an admin or superadmin any
 * wallet's; anyone authenticated watches markets and contests; service tokens are for the internal
 * ingestion APIs and never open a public socket.
 */
public final class AccessPolicy {
  private AccessPolicy() {}

  /** The streams the identity may watch for this request, or the rejection. */
  public static Decision decide(Identity identity, StreamRequest request) {
    if (identity.role() == Role.SERVICE) {
      return Decision.rejected(ErrorCode.FORBIDDEN, "service tokens cannot open client streams");
    }
    if (request.endpoint() != Endpoint.PORTFOLIO) {
      return Decision.allowed(request.streams());
    }
    String wallet = request.requestedWallet() == null ? identity.wallet() : request.requestedWallet();
    if (!wallet.equals(identity.wallet()) && !identity.role().isAdmin()) {
      return Decision.rejected(ErrorCode.FORBIDDEN, "only admins may watch another wallet's portfolio");
    }
    return Decision.allowed(List.of(StreamId.wallet(wallet)));
  }

  public record Decision(List<StreamId> streams, RequestRejection rejection) {
    static Decision allowed(List<StreamId> streams) {
      return new Decision(List.copyOf(streams), null);
    }

    static Decision rejected(ErrorCode code, String message) {
      return new Decision(List.of(), new RequestRejection(code, message, CloseCode.FORBIDDEN));
    }
  }
}
