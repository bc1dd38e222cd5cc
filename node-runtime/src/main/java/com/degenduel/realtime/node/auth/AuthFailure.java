package com.degenduel.realtime.node.auth;

import com.degenduel.realtime.codec.error.ErrorCode;

/** Why a token was refused. The message is safe to show: it never contains the token. */
public final class AuthFailure extends RuntimeException {
  private final ErrorCode code;

  public AuthFailure(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
