package org.pro380.app.client;

import java.time.Duration;
import org.pro380.app.UserError;
import org.pro380.client.ClientConfig;
import org.pro380.client.Endpoint;
import org.pro380.protocol.LineSettings;
import org.pro380.registers.Code;
import org.pro380.twin.HostPort;
import picocli.CommandLine.Option;

/**
 * How to reach a line of meters: --tcp, --rtu-tcp or --serial with its baud and parity, the timeout
 * and retries. Part of {@link ConnectionOptions}; {@code pro380 bridge} uses it with its own unit ids.
 */
public final class LinkOptions {
    static final String DEFAULT_TCP = "127.0.0.1:5020";

    @Option(names = "--tcp", paramLabel = "HOST:PORT", description = "Modbus TCP (default " + DEFAULT_TCP + ", the twin's)")
    String tcp;

    @Option(names = "--rtu-tcp", paramLabel = "HOST:PORT", description = "RTU over TCP: a transparent RS485-to-Ethernet gateway")
    String rtuTcp;

    @Option(names = "--serial", paramLabel = "PATH", description = "serial RTU: a USB RS485 adapter (/dev/ttyUSB0, COM3) or a pty")
    String serial;

    @Option(names = {"-b", "--baud"}, paramLabel = "BAUD", defaultValue = "9600", description = "serial baud (default ${DEFAULT-VALUE})")
    int baud;

    @Option(names = {"-P", "--parity"}, paramLabel = "PARITY", defaultValue = "even",
            description = "serial parity: even, none or odd (default ${DEFAULT-VALUE})")
    String parity;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "1s", converter = DurationText.class,
            description = "wait for each reply (default ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "2",
            description = "send again after a timeout or damaged reply, 0..10 (default ${DEFAULT-VALUE})")
    int retries;

    @Option(names = "--debug", description = "show the frames on the wire and stack traces")
    boolean debug;

    /** Whether --tcp, --rtu-tcp or --serial was given. */
    public boolean given() {
        return tcp != null || rtuTcp != null || serial != null;
    }

    public Duration timeout() {
        return timeout;
    }

    public int retries() {
        return retries;
    }

    /** Where to connect: exactly one of --tcp, --rtu-tcp, --serial; Modbus TCP to the local twin if none. */
    public Endpoint endpoint() {
        int given = (tcp != null ? 1 : 0) + (rtuTcp != null ? 1 : 0) + (serial != null ? 1 : 0);
        if (given > 1) {
            throw new UserError("give one of --tcp, --rtu-tcp and --serial", 2);
        }
        if (serial != null) {
            return new Endpoint.Serial(serial, line());
        }
        if (rtuTcp != null) {
            HostPort hp = hostPort(rtuTcp);
            return new Endpoint.RtuOverTcp(hp.host(), hp.port());
        }
        HostPort hp = hostPort(tcp != null ? tcp : DEFAULT_TCP);
        return new Endpoint.ModbusTcp(hp.host(), hp.port());
    }

    /** The client settings for one unit id on this link. */
    public ClientConfig config(int unit) {
        try {
            return new ClientConfig(endpoint(), unit, timeout, retries);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), 2);
        }
    }

    public LineSettings line() {
        try {
            return new LineSettings(baud, Code.PARITY.parse(parity));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), 2);
        }
    }

    /** Turns on the log of frames on the wire, before the client's classes are loaded. */
    public void applyDebug() {
        if (debug) {
            System.setProperty("org.slf4j.simpleLogger.log.org.pro380.client", "debug");
        }
    }

    private static HostPort hostPort(String text) {
        try {
            return HostPort.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), 2);
        }
    }
}
