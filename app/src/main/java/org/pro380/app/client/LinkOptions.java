package org.pro380.app.client;

import java.time.Duration;
import org.pro380.app.ExitCode;
import org.pro380.app.UserError;
import org.pro380.client.ClientConfig;
import org.pro380.client.Endpoint;
import org.pro380.client.HostPort;
import org.pro380.protocol.LineSettings;
import org.pro380.registers.Code;
import picocli.CommandLine.Option;

/**
 * How to reach a line of meters: --tcp, --rtu-tcp or --serial with its baud and parity, the timeout
 * and retries. Part of {@link ConnectionOptions}; {@code pro380 bridge} uses it with its own unit ids.
 */
public final class LinkOptions {
    static final String DEFAULT_TCP = "127.0.0.1:5020";
    /** The Modbus TCP port a host given without one is asked at, as mbpoll does. */
    static final int MODBUS_PORT = 502;

    @Option(
            names = "--tcp",
            paramLabel = "HOST[:PORT]",
            description =
                    "Modbus TCP; port " + MODBUS_PORT + " if none is given (default " + DEFAULT_TCP + ", the twin's)")
    String tcp;

    @Option(
            names = "--rtu-tcp",
            paramLabel = "HOST[:PORT]",
            description =
                    "RTU over TCP: a transparent RS485-to-Ethernet gateway (port " + MODBUS_PORT + " if none is given)")
    String rtuTcp;

    @Option(
            names = {"-p", "--port"},
            paramLabel = "PORT",
            description = "the TCP port for the host of --tcp or --rtu-tcp (or of 127.0.0.1), as mbpoll's -p")
    Integer port;

    @Option(
            names = "--serial",
            paramLabel = "PATH",
            description = "serial RTU: a USB RS485 adapter (/dev/ttyUSB0, COM3) or a pty")
    String serial;

    @Option(
            names = {"-b", "--baud"},
            paramLabel = "BAUD",
            defaultValue = "9600",
            description = "serial baud (default ${DEFAULT-VALUE})")
    int baud;

    @Option(
            names = {"-P", "--parity"},
            paramLabel = "PARITY",
            defaultValue = "even",
            description = "serial parity: even, none or odd (default ${DEFAULT-VALUE})")
    String parity;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "1s",
            converter = DurationText.class,
            description = "wait for each reply (default ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(
            names = "--retries",
            paramLabel = "N",
            defaultValue = "2",
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
            throw new UserError("give one of --tcp, --rtu-tcp and --serial", ExitCode.USAGE);
        }
        if (serial != null) {
            if (port != null) {
                throw new UserError(
                        "-p/--port is for --tcp and --rtu-tcp; a serial device has no port number", ExitCode.USAGE);
            }
            return new Endpoint.Serial(serial, line());
        }
        if (rtuTcp != null) {
            HostPort hp = hostPort("--rtu-tcp", rtuTcp);
            return new Endpoint.RtuOverTcp(hp.host(), hp.port());
        }
        HostPort hp = tcp != null
                ? hostPort("--tcp", tcp)
                : port != null ? hostPort("-p", "127.0.0.1") : HostPort.parse(DEFAULT_TCP);
        return new Endpoint.ModbusTcp(hp.host(), hp.port());
    }

    /** The client settings for one unit id on this link. */
    public ClientConfig config(int unit) {
        try {
            return new ClientConfig(endpoint(), unit, timeout, retries);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), ExitCode.USAGE);
        }
    }

    public LineSettings line() {
        try {
            return new LineSettings(baud, Code.PARITY.parse(parity));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), ExitCode.USAGE);
        }
    }

    /** Turns on the log of frames on the wire, before the client's classes are loaded. */
    public void applyDebug() {
        if (debug) {
            System.setProperty("org.slf4j.simpleLogger.log.org.pro380.client", "debug");
        }
    }

    /** HOST, HOST:PORT or [IPv6]:PORT; -p gives the port of a host given alone, else 502. */
    private HostPort hostPort(String flag, String text) {
        try {
            HostPort given = HostPort.parse(text, port != null ? port : MODBUS_PORT);
            if (port != null && given.port() != port) {
                throw new IllegalArgumentException("-p " + port + " and " + text + " name two ports; give one");
            }
            return given;
        } catch (IllegalArgumentException e) {
            throw new UserError(flag + ": " + e.getMessage(), ExitCode.USAGE);
        }
    }
}
