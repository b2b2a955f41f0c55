package org.pro380.twin.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.pro380.client.Endpoint;
import org.pro380.meter.Load;
import org.pro380.twin.Twin;
import org.pro380.twin.TwinConfig;
import org.pro380.twin.TwinStartException;

/**
 * A twin started by a test and closed after it: {@code @RegisterExtension final RunningTwin
 * running = new RunningTwin();}, then {@code running.start(3)} in the test. It listens on free
 * loopback ports (Modbus TCP, RTU over TCP, HTTP), keeps its memory in a folder of its own, and
 * measures no current unless told, so that its counters stand still. It is closed after the
 * test's own {@code @AfterEach} methods, so a bridge that polls it is stopped first.
 */
public final class RunningTwin implements AfterEachCallback {

    private Path folder;
    private Twin twin;

    /** Starts a twin of {@code meters} meters at no load. */
    public Twin start(int meters) throws TwinStartException {
        return start(config -> config.meters(meters));
    }

    /** Starts a twin at no load, with {@code config}'s changes. */
    public Twin start(UnaryOperator<TwinConfig.Builder> config) throws TwinStartException {
        if (twin != null) {
            throw new IllegalStateException("a twin runs already");
        }
        try {
            folder = Files.createTempDirectory("pro380-twin");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        twin = Twin.start(
                config.apply(TwinConfig.forTests(folder.resolve("state")).initialLoad(Load.idle(230, 50)))
                        .build());
        return twin;
    }

    /** The twin, once started. */
    public Twin twin() {
        if (twin == null) {
            throw new IllegalStateException("no twin started");
        }
        return twin;
    }

    /** Where a client or a bridge reaches bus 1 over Modbus TCP. */
    public Endpoint.ModbusTcp tcp() {
        InetSocketAddress a = twin().tcpAddress().orElseThrow();
        return new Endpoint.ModbusTcp(a.getHostString(), a.getPort());
    }

    /** Where a client or a bridge reaches bus 1 with RTU frames over TCP. */
    public Endpoint.RtuOverTcp rtuOverTcp() {
        InetSocketAddress a = twin().rtuTcpAddress().orElseThrow();
        return new Endpoint.RtuOverTcp(a.getHostString(), a.getPort());
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (twin != null) {
            twin.close();
            twin = null;
        }
        if (folder != null) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
            folder = null;
        }
    }
}
