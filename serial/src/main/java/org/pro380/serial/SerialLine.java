package org.pro380.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.pro380.protocol.LineSettings;
import org.pro380.protocol.Parity;

/**
 * A serial port through jSerialComm, 8 data bits and 1 stop bit: a USB RS485 adapter, a COM port
 * or one end of a pty pair. The one place that knows jSerialComm's quirks, for twin and client.
 */
public final class SerialLine implements AutoCloseable {

    private static final int WRITE_TIMEOUT_MILLIS = 2000;
    private static final long DRAIN_LIMIT_NANOS = 2_000_000_000L;
    private static final long DRAIN_POLL_NANOS = 200_000L;
    /** On POSIX, jSerialComm's code for a port this process has open already; the others are errno values. */
    private static final int ALREADY_OPEN = 2;

    private static final int EAGAIN = 11;
    private static final int EACCES = 13;
    private static final int EBUSY = 16;
    private static final int EINVAL = 22;

    private final String path;
    private final SerialPort port;
    private boolean withoutParity;

    private SerialLine(String path, SerialPort port) {
        this.path = path;
        this.port = port;
    }

    /**
     * Opens {@code path} at {@code line} with a read timeout. A Linux pty keeps no parity bit and
     * refuses (EINVAL) a change that only asks for one, as when it is reopened at the speed it
     * already has: parity means nothing there, so it is opened without.
     */
    public static SerialLine open(String path, LineSettings line, int readTimeoutMillis) throws SerialLineException {
        SerialPort port;
        try {
            port = SerialPort.getCommPort(systemPath(path));
        } catch (SerialPortInvalidPortException e) {
            throw new SerialLineException("serial device " + path + " not found", e);
        }
        SerialLine serial = new SerialLine(path, port);
        serial.setReadTimeout(readTimeoutMillis);
        serial.configure(line);
        if (port.openPort()) {
            return serial;
        }
        if (port.getLastErrorCode() == EINVAL && line.parity() != Parity.NONE) {
            serial.withoutParity = true;
            serial.configure(new LineSettings(line.baud(), Parity.NONE));
            if (port.openPort()) {
                return serial;
            }
        }
        throw new SerialLineException("cannot open serial device " + path + " (" + openError(port) + ")", null);
    }

    /**
     * The device a path names, links resolved. A name without a directory ("COM3", "ttyUSB0") is
     * left to jSerialComm; a path must exist, because jSerialComm maps a missing
     * {@code /any/dir/ttyUSB0} to {@code /dev/ttyUSB0} and would open another device.
     */
    private static String systemPath(String path) throws SerialLineException {
        if (!path.contains("/")) {
            return path;
        }
        try {
            return Path.of(path).toRealPath().toString();
        } catch (IOException | RuntimeException e) {
            throw new SerialLineException("serial device " + path + " not found", e);
        }
    }

    private static String openError(SerialPort port) {
        return port.getLastErrorCode() == ALREADY_OPEN && File.separatorChar == '/'
                ? "already open in this program"
                : errorText(port.getLastErrorCode());
    }

    /** jSerialComm's last error code in words: "errno 13, permission denied", with what to check. */
    static String errorText(int code) {
        if (File.separatorChar != '/') {
            return "error " + code;
        }
        return "errno " + code + ", "
                + switch (code) {
                    case 1 -> "operation not permitted";
                    case 5 -> "input/output error: the adapter failed or was unplugged";
                    case 6, 19 -> "no such device: the adapter is gone";
                    case EAGAIN, EBUSY -> "in use by another program";
                    case EACCES -> "permission denied: is the user in the dialout group?";
                    case EINVAL -> "invalid argument: the device refuses these line settings";
                    case 24 -> "too many open files";
                    case 25 -> "not a terminal: this is no serial device";
                    default -> "an error the system reported";
                };
    }

    /** A serial port the system has: its path ({@code /dev/ttyUSB0}, {@code COM3}) and what it is ("USB-RS485 Cable"). */
    public record Port(String path, String description) {}

    /** The serial ports the system lists, by path; pseudo-terminals are not among them. */
    public static List<Port> ports() {
        return Arrays.stream(SerialPort.getCommPorts())
                .map(p -> new Port(p.getSystemPortPath(), p.getPortDescription()))
                .sorted(Comparator.comparing(Port::path))
                .toList();
    }

    /** A pty carries bytes at once whatever its baud; a real port spends the line time itself. */
    public static boolean isPseudoTerminal(String path) {
        try {
            return Path.of(path).toRealPath().toString().startsWith("/dev/pts/");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    public String path() {
        return path;
    }

    /** Whether the device refused parity at open (a pseudo-terminal). */
    public boolean openedWithoutParity() {
        return withoutParity;
    }

    /** Reads what has arrived, waiting up to the read timeout for a first byte: 0 if none, -1 once closed or lost. */
    public int read(byte[] buffer) {
        return port.readBytes(buffer, buffer.length);
    }

    /** Writes all of {@code bytes}; false if the device took fewer. */
    public boolean write(byte[] bytes) {
        return port.writeBytes(bytes, bytes.length) == bytes.length;
    }

    public int bytesAvailable() {
        return port.bytesAvailable();
    }

    /** Waits (at most 2 s) until the bytes written have left the system's output queue. */
    public void drain() {
        long deadline = System.nanoTime() + DRAIN_LIMIT_NANOS;
        while (port.bytesAwaitingWrite() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(DRAIN_POLL_NANOS);
        }
    }

    /** Sets baud and parity; false if the device refused (a pseudo-terminal may). */
    public boolean configure(LineSettings line) {
        return port.setComPortParameters(line.baud(), 8, SerialPort.ONE_STOP_BIT, parity(line.parity()));
    }

    /** How long {@link #read} waits for a first byte; jSerialComm counts in steps of about 100 ms on POSIX. */
    public void setReadTimeout(int millis) {
        port.setComPortTimeouts(
                SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                Math.max(1, millis),
                WRITE_TIMEOUT_MILLIS);
    }

    public int lastErrorCode() {
        return port.getLastErrorCode();
    }

    /** The last error in words, as {@link #errorText} gives it. */
    public String lastError() {
        return errorText(port.getLastErrorCode());
    }

    /** Releases the device, waking a blocked {@link #read}; never throws. */
    @Override
    public void close() {
        try {
            port.closePort();
        } catch (RuntimeException e) {
            // Nothing left to release.
        }
    }

    private static int parity(Parity parity) {
        return switch (parity) {
            case EVEN -> SerialPort.EVEN_PARITY;
            case NONE -> SerialPort.NO_PARITY;
            case ODD -> SerialPort.ODD_PARITY;
        };
    }
}
