package com.degenduel.realtime.gateway.connection;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.http.WebSocketInternal;
import io.vertx.core.net.impl.VertxConnection;
import io.vertx.core.net.impl.VertxHandler;

/**
 * Shapes the Netty pipeline under an accepted socket for what the gateway does with it: many
 * small frames out, few in. The one place that knows Vert.x's pipeline layout.
 *
 * <p>Vert.x puts a {@code ChunkedWriteHandler} on every TLS connection for sending files; a
 * WebSocket never sends one, and the handler queued and re-dispatched every frame written. And
 * Vert.x keeps per socket what the gateway never uses, most of an idle socket's memory ({@link
 * WebSocketFootprint}). Frames of one turn leave together by {@link TurnFlush}, which needs no
 * handler here.
 */
public final class SocketPipeline {
  private static final String WRITABILITY = "dd-writability";
  /** Vert.x's own handler, at the application end of the pipeline. */
  private static final String VERTX_HANDLER = "handler";
  private static final String VERTX_CHUNKED_WRITER = "chunkedWriter";

  private SocketPipeline() {}

  /** Must run on the socket's event loop before anything is written to it. */
  public static void install(ServerWebSocket socket) {
    ChannelPipeline pipeline = channelOf(socket).pipeline();
    if (pipeline.get(VERTX_HANDLER) instanceof VertxHandler<?> handler) {
      WebSocketFootprint.reduce(handler);
    }
    if (pipeline.get(VERTX_CHUNKED_WRITER) != null) {
      pipeline.remove(VERTX_CHUNKED_WRITER);
    }
  }

  /** The socket's end of its Netty pipeline: what is written here goes through TLS, not through Vert.x. */
  static ChannelHandlerContext channelOf(ServerWebSocket socket) {
    return ((WebSocketInternal) socket).channelHandlerContext();
  }

  /** Vert.x's connection object behind the socket, or null if its pipeline is not laid out as expected. */
  static VertxConnection connectionOf(ServerWebSocket socket) {
    return channelOf(socket).pipeline().get(VERTX_HANDLER) instanceof VertxHandler<?> handler ? handler.getConnection() : null;
  }

  /** Runs {@code resume} on the socket's event loop whenever its channel can take writes again. */
  static void onWritable(ServerWebSocket socket, Runnable resume) {
    channelOf(socket).pipeline().addBefore(VERTX_HANDLER, WRITABILITY, new Writability(resume));
  }

  private static final class Writability extends ChannelInboundHandlerAdapter {
    private final Runnable resume;

    Writability(Runnable resume) {
      this.resume = resume;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      if (ctx.channel().isWritable()) {
        resume.run();
      }
      ctx.fireChannelWritabilityChanged();
    }
  }
}
