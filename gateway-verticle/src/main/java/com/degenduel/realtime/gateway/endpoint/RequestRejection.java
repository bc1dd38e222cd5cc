package com.degenduel.realtime.gateway.endpoint;

import com.degenduel.realtime.codec.close.CloseCode;
import com.degenduel.realtime.codec.error.ErrorCode;

/** Why a request was refused: the ERROR the client is sent and the close code that follows. */
public record RequestRejection(ErrorCode code, String message, CloseCode close) {}
