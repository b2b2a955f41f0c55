package org.pro380.bridge.ui;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.pro380.bridge.web.HttpServer;
import org.pro380.client.HostPort;
import org.pro380.client.web.WriteToken;

/**
 * {@code pro380 ui}: a local web app that reads and configures real meters, as the vendor's PC
 * software does (docs/ui.md). It binds to loopback unless told otherwise; off loopback every
 * change needs the bearer token.
 */
public final class UiServer implements AutoCloseable {
    public static final HostPort DEFAULT_BIND = HostPort.loopback(8381);

    private final HttpServer server;

    private UiServer(HttpServer server) {
        this.server = server;
    }

    /** A port in use or an unknown host is an IOException with one line. */
    public static UiServer start(HostPort bind, Optional<String> token) throws IOException {
        UiApi api = new UiApi(WriteToken.forBind(bind.isLoopback(), token, "the UI"));
        try {
            return new UiServer(HttpServer.start(bind.toAddress(), List.of(api), "the page is at /"));
        } catch (IOException e) {
            throw new IOException("cannot listen on " + bind + ": " + e.getMessage(), e);
        }
    }

    /** Where the page is: {@code http://127.0.0.1:8381/}. */
    public String url() {
        String host = server.address().getAddress().getHostAddress();
        return "http://" + new HostPort(host, server.address().getPort()) + "/";
    }

    @Override
    public void close() {
        server.close();
    }
}
