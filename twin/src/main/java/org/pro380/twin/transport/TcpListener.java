package org.pro380.twin.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.function.Consumer;
import org.pro380.twin.HostPort;

/** A listening TCP socket on an NIO event loop group, and the connections it accepted. */
public final class TcpListener {

    private final Channel server;
    private final ChannelGroup connections;
    private final HostPort address;

    private TcpListener(Channel server, ChannelGroup connections, HostPort address) {
        this.server = server;
        this.connections = connections;
        this.address = address;
    }

    /** Listens on {@code bind}; {@code pipeline} sets up each accepted connection. */
    public static TcpListener bind(HostPort bind, EventLoopGroup group, Consumer<ChannelPipeline> pipeline)
            throws TransportException {
        ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        pipeline.accept(ch.pipeline());
                    }
                });
        ChannelFuture bound = bootstrap.bind(bind.toAddress()).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw Channels.bindFailure(bind, bound.cause());
        }
        int port = ((InetSocketAddress) bound.channel().localAddress()).getPort();
        return new TcpListener(bound.channel(), connections, new HostPort(bind.host(), port));
    }

    /** The address as bound, with the port the system chose for port 0. */
    public HostPort address() {
        return address;
    }

    /** Stops listening and closes every connection; waits for that unless on an event loop. Never throws. */
    public void close() {
        Channels.closeQuietly(server);
        try {
            Channels.awaitQuietly(connections.close(), server.eventLoop().inEventLoop());
        } catch (RuntimeException e) {
            // The event loop group was shut down first: the connections closed with it.
        }
    }
}
