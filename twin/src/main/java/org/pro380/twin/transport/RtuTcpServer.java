package org.pro380.twin.transport;

import io.netty.channel.EventLoopGroup;
import java.util.concurrent.atomic.AtomicReference;
import org.pro380.client.HostPort;
import org.pro380.twin.bus.Bus;
import org.pro380.twin.capture.Recorder;

/**
 * RTU frames (with CRC, no MBAP header) over TCP, as a transparent serial-to-Ethernet gateway
 * carries them; one {@link RtuSession} per connection. With wire timing, each change of the
 * meter's baud or parity is logged once, as it changes the replies' timing.
 */
public final class RtuTcpServer implements Transport {

    private final TcpListener listener;

    private RtuTcpServer(TcpListener listener) {
        this.listener = listener;
    }

    /** Listens on {@code bind} (port 0 picks a free port) on the caller's NIO event loop group. */
    public static RtuTcpServer start(
            HostPort bind, Bus bus, WireTiming timing, EventLoopGroup group, ConnectionLimits limits)
            throws TransportException {
        return start(bind, bus, timing, group, limits, Recorder.OFF);
    }

    /** As {@link #start(HostPort, Bus, WireTiming, EventLoopGroup, ConnectionLimits)}, recording each connection's frames. */
    public static RtuTcpServer start(
            HostPort bind, Bus bus, WireTiming timing, EventLoopGroup group, ConnectionLimits limits, Recorder recorder)
            throws TransportException {
        AtomicReference<HostPort> bound = new AtomicReference<>(bind);
        LineWatch watch = timing.enabled()
                ? LineWatch.of(() -> "RTU over TCP on " + bound.get(), bus.line())
                : LineWatch.silent();
        TcpListener listener = TcpListener.bind(
                bind,
                group,
                limits,
                new byte[0],
                pipeline -> pipeline.addLast(new RtuChannelHandler(bus, timing, watch, recorder)));
        bound.set(listener.address());
        return new RtuTcpServer(listener);
    }

    /** The port listened on. */
    public int port() {
        return listener.address().port();
    }

    TcpListener listener() {
        return listener;
    }

    @Override
    public String describe() {
        return "RTU over TCP on " + listener.address();
    }

    @Override
    public void close() {
        listener.close();
    }
}
