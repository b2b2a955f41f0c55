package org.pro380.twin.transport;

import io.netty.channel.EventLoopGroup;
import org.pro380.meter.MeterServer;
import org.pro380.twin.HostPort;

/**
 * RTU frames (with CRC, no MBAP header) over TCP, as a transparent serial-to-Ethernet gateway
 * carries them; one {@link RtuSession} per connection.
 */
public final class RtuTcpServer implements Transport {

    private final TcpListener listener;

    private RtuTcpServer(TcpListener listener) {
        this.listener = listener;
    }

    /** Listens on {@code bind} (port 0 picks a free port) on the caller's NIO event loop group. */
    public static RtuTcpServer start(HostPort bind, MeterServer server, WireTiming timing, EventLoopGroup group)
            throws TransportException {
        return new RtuTcpServer(TcpListener.bind(bind, group,
                pipeline -> pipeline.addLast(new RtuChannelHandler(server, timing))));
    }

    /** The port listened on. */
    public int port() {
        return listener.address().port();
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
