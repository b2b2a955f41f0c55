package org.pro380.twin.http;

import static java.nio.charset.StandardCharsets.US_ASCII;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.pro380.client.HostPort;
import org.pro380.twin.TwinSite;
import org.pro380.twin.transport.ConnectionLimits;
import org.pro380.twin.transport.TransportException;

/** A control API on 127.0.0.1, a free port, serving a fresh {@link MeterTwin} for each test. */
abstract class ServerTestBase {

    static EventLoopGroup group;

    MeterTwin twin;
    ControlApi api;
    ApiClient client;

    @BeforeAll
    static void startGroup() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopGroup() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @BeforeEach
    void startApi() throws TransportException {
        twin = new MeterTwin();
        serve(twin, Optional.empty());
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    /** Replaces the running API by one serving {@code site} with {@code token}. */
    void serve(TwinSite site, Optional<String> token) throws TransportException {
        serve(site, token, ConnectionLimits.defaults());
    }

    /** Replaces the running API by one serving {@code site} with {@code token} within {@code limits}. */
    void serve(TwinSite site, Optional<String> token, ConnectionLimits limits) throws TransportException {
        if (api != null) {
            api.close();
        }
        api = ControlApi.start(HostPort.loopback(0), site, token, group, limits);
        client = new ApiClient(api.port());
    }

    /** Sends raw bytes and reads until the server closes the connection. */
    String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", api.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(US_ASCII));
            out.flush();
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(reply);
            return reply.toString(US_ASCII);
        }
    }
}
