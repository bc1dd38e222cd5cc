package com.degenduel.realtime.codec.message.control;

/** A message a client may send: PING, AUTH_REFRESH, SUBSCRIBE or UNSUBSCRIBE. Read by {@code ClientMessageReader}. */
public sealed interface ClientMessage permits Ping, AuthRefresh, Subscribe, Unsubscribe {}
