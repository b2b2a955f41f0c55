package org.pro380.app.client;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.pro380.testkit.Socat;
import org.pro380.twin.Twin;
import org.pro380.twin.TwinConfig;

/** A twin listening on Modbus TCP, RTU over TCP and (through socat) a pty, and the flags that reach it by each. */
final class TwinRig implements AutoCloseable {
    enum Transport {
        TCP,
        RTU_TCP,
        SERIAL
    }

    final Twin twin;
    private final Socat pair;

    private TwinRig(Twin twin, Socat pair) {
        this.twin = twin;
        this.pair = pair;
    }

    static TwinRig start(Path dir, Transport transport) throws Exception {
        return start(dir, transport, TwinConfig.forTests(dir.resolve("state")));
    }

    static TwinRig start(Path dir, Transport transport, TwinConfig.Builder config) throws Exception {
        Socat pair = transport == Transport.SERIAL ? Socat.ptyPair(dir) : null;
        if (pair != null) {
            config.serial(pair.a().toString());
        }
        try {
            return new TwinRig(Twin.start(config.build()), pair);
        } catch (Exception e) {
            if (pair != null) {
                pair.close();
            }
            throw e;
        }
    }

    /** The connection flags for a transport. */
    List<String> flags(Transport transport) {
        return switch (transport) {
            case TCP -> List.of("--tcp", hostPort(twin.tcpAddress().orElseThrow()));
            case RTU_TCP -> List.of("--rtu-tcp", hostPort(twin.rtuTcpAddress().orElseThrow()));
            case SERIAL -> List.of("--serial", pair.b().toString());
        };
    }

    /** A command line: the command, the flags for the transport, then the rest. */
    String[] args(Transport transport, String command, String... rest) {
        List<String> all = new java.util.ArrayList<>();
        all.add(command);
        all.addAll(flags(transport));
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }

    static String hostPort(InetSocketAddress a) {
        return a.getHostString() + ":" + a.getPort();
    }

    @Override
    public void close() throws Exception {
        twin.close();
        if (pair != null) {
            pair.close();
        }
    }
}
