package org.pro380.twin.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.flow.FlowControlHandler;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.pro380.client.HostPort;
import org.pro380.protocol.MalformedFrameException;
import org.pro380.protocol.MbapCodec;
import org.pro380.protocol.MbapFrame;
import org.pro380.protocol.MbapFramer;
import org.pro380.twin.bus.Gateway;
import org.pro380.twin.capture.Direction;
import org.pro380.twin.capture.Recorder;
import org.pro380.twin.capture.Tap;
import org.pro380.twin.fault.ReplyFaults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Modbus TCP: MBAP frames in, each answered in order with the request's transaction id and the
 * reply's unit id, framed with the reply's faults ({@link org.pro380.twin.fault.ReplyFaults#mbap});
 * a request the meter does not answer gets nothing. A malformed MBAP header
 * closes that connection, since a TCP stream cannot be resynchronised, once the requests before
 * it have been answered (whether they came in the same segment or earlier ones).
 *
 * <p>As a gateway does, each connection is answered one request at a time ({@link OneAtATime}):
 * a client that sends requests and never reads the replies stops being read as soon as its socket
 * buffers are full, instead of piling up replies in the twin.
 */
public final class ModbusTcpServer implements Transport {

    private static final Logger log = LoggerFactory.getLogger(ModbusTcpServer.class);

    private final TcpListener listener;

    private ModbusTcpServer(TcpListener listener) {
        this.listener = listener;
    }

    /** Listens on {@code bind} (port 0 picks a free port) on the caller's NIO event loop group. */
    public static ModbusTcpServer start(HostPort bind, Gateway gateway, EventLoopGroup group, ConnectionLimits limits)
            throws TransportException {
        return start(bind, gateway, group, limits, Recorder.OFF);
    }

    /** As {@link #start(HostPort, Gateway, EventLoopGroup, ConnectionLimits)}, recording each connection's frames. */
    public static ModbusTcpServer start(
            HostPort bind, Gateway gateway, EventLoopGroup group, ConnectionLimits limits, Recorder recorder)
            throws TransportException {
        return new ModbusTcpServer(TcpListener.bind(bind, group, limits, new byte[0], pipeline -> {
            pipeline.channel().config().setAutoRead(false);
            Tap tap = Channels.tap(recorder, pipeline.channel());
            pipeline.addLast(new MbapDecoder(tap), new FlowControlHandler(), new MbapHandler(gateway, tap));
        }));
    }

    /** Connections open now. */
    int connections() {
        return listener.connections();
    }

    TcpListener listener() {
        return listener;
    }

    /** The port listened on. */
    public int port() {
        return listener.address().port();
    }

    @Override
    public String describe() {
        return "Modbus TCP on " + listener.address();
    }

    @Override
    public void close() {
        listener.close();
    }

    /** A bad header, passed on behind the requests before it, so that it closes the connection after their answers. */
    private record Malformed(String reason) {}

    /** Frames a connection's bytes with {@link MbapFramer}; after a bad header the rest is dropped. */
    private static final class MbapDecoder extends ByteToMessageDecoder {
        private final MbapFramer framer = new MbapFramer();
        /** The bytes of a read on their way to the framer, a piece at a time: no array per read. */
        private final byte[] piece = new byte[MbapCodec.MAX_ADU];

        private final Tap tap;
        private boolean malformed;
        /** Where {@link #handOn} puts the frames of the read being decoded. */
        private List<Object> decoded;
        /** Made once rather than for every read. */
        private final Consumer<MbapFrame> toDecoded = this::handOn;

        MbapDecoder(Tap tap) {
            this.tap = tap;
        }

        private void handOn(MbapFrame frame) {
            if (tap.on()) {
                tap.record(Direction.IN, MbapCodec.encode(frame));
            }
            decoded.add(frame);
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf chunk, List<Object> out) {
            decoded = out;
            try {
                while (!malformed && chunk.isReadable()) {
                    int n = Math.min(chunk.readableBytes(), piece.length);
                    chunk.readBytes(piece, 0, n);
                    framer.feed(piece, 0, n, toDecoded);
                }
            } catch (MalformedFrameException e) {
                malformed = true;
                out.add(new Malformed(e.getMessage()));
            } finally {
                decoded = null;
            }
            chunk.skipBytes(chunk.readableBytes());
        }
    }

    /** Answers each frame through the gateway, asking for the next one once the reply is on its way. */
    private static final class MbapHandler extends OneAtATime<Object> {
        private final Gateway gateway;
        private final Tap tap;
        /** Asks for the next request once a reply has been handed to the socket: one listener for every reply. */
        private ChannelFutureListener readNext;

        MbapHandler(Gateway gateway, Tap tap) {
            super(Object.class);
            this.gateway = gateway;
            this.tap = tap;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            readNext = f -> readNext(ctx);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Malformed m) {
                log.debug("closing {}: {}", ctx.channel().remoteAddress(), m.reason());
                ctx.close();
            } else {
                answer(ctx, (MbapFrame) msg);
            }
        }

        private void answer(ChannelHandlerContext ctx, MbapFrame request) {
            Optional<Gateway.Reply> reply = gateway.handle(request.unitId(), request.pdu());
            if (reply.isEmpty()) {
                readNext(ctx);
                return;
            }
            Gateway.Reply r = reply.get();
            if (r.delay().isZero()) {
                send(ctx, request.transactionId(), r);
            } else {
                ctx.executor()
                        .schedule(
                                () -> send(ctx, request.transactionId(), r),
                                r.delay().toNanos(),
                                TimeUnit.NANOSECONDS);
            }
        }

        private void send(ChannelHandlerContext ctx, int transactionId, Gateway.Reply r) {
            if (r.faults().disconnect()) {
                ctx.close();
                return;
            }
            byte[] frame = r.faults().mbap(MbapCodec.encode(transactionId, r.reply()));
            if (r.faults().split()) {
                sendSplit(ctx, frame, r.faults().splitGap(gateway.bus().line()));
                return;
            }
            tap.record(Direction.OUT, frame);
            ctx.writeAndFlush(Channels.forSocket(ctx, frame)).addListener(readNext);
        }

        /** A reply in two TCP writes, {@code gap} apart. */
        private void sendSplit(ChannelHandlerContext ctx, byte[] frame, Duration gap) {
            byte[][] parts = ReplyFaults.halves(frame);
            tap.record(Direction.OUT, parts[0]);
            ctx.writeAndFlush(Channels.forSocket(ctx, parts[0]));
            ctx.executor()
                    .schedule(
                            () -> {
                                tap.record(Direction.OUT, parts[1]);
                                ctx.writeAndFlush(Channels.forSocket(ctx, parts[1]))
                                        .addListener(readNext);
                            },
                            gap.toNanos(),
                            TimeUnit.NANOSECONDS);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("closing {}: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }
}
