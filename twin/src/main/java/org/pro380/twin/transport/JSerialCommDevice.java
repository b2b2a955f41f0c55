package org.pro380.twin.transport;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;
import org.pro380.protocol.LineTiming;
import org.pro380.protocol.Parity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link SerialDevice} on jSerialComm: a USB RS485 adapter, a COM port, or one end of a pty pair. */
final class JSerialCommDevice implements SerialDevice {

    private static final int READ_TIMEOUT_MILLIS = 100;
    private static final int WRITE_TIMEOUT_MILLIS = 2000;
    private static final long DRAIN_LIMIT_NANOS = 2_000_000_000L;
    private static final long DRAIN_POLL_NANOS = 200_000L;
    /** On POSIX, jSerialComm's code for a port this process has open already; the others are errno values. */
    private static final int ALREADY_OPEN = 2;
    private static final int EAGAIN = 11;
    private static final int EACCES = 13;
    private static final int EBUSY = 16;
    private static final int EINVAL = 22;
    private static final Logger log = LoggerFactory.getLogger(JSerialCommDevice.class);

    private final SerialPort port;

    private JSerialCommDevice(SerialPort port) {
        this.port = port;
    }

    /** Opens {@code path} at {@code line}, 8 data bits, 1 stop bit. */
    static JSerialCommDevice open(String path, LineTiming line) throws TransportException {
        SerialPort port;
        try {
            port = SerialPort.getCommPort(systemPath(path));
        } catch (SerialPortInvalidPortException e) {
            throw new TransportException("serial device " + path + " not found", e);
        }
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                READ_TIMEOUT_MILLIS, WRITE_TIMEOUT_MILLIS);
        JSerialCommDevice device = new JSerialCommDevice(port);
        device.configure(line);
        if (port.openPort()) {
            return device;
        }
        // A Linux pty keeps no parity bit and refuses (EINVAL) a change that only asks for one, as
        // when it is reopened at the speed it already has: parity means nothing there, open without.
        if (port.getLastErrorCode() == EINVAL && line.parity() != Parity.NONE) {
            device.configure(new LineTiming(line.baud(), Parity.NONE));
            if (port.openPort()) {
                log.debug("serial device {} opened without parity (a pseudo-terminal?)", path);
                return device;
            }
        }
        throw new TransportException("cannot open serial device " + path + " (" + openError(port) + ")");
    }

    private static String openError(SerialPort port) {
        if (File.separatorChar != '/') {
            return "error " + port.getLastErrorCode();
        }
        return switch (port.getLastErrorCode()) {
            case ALREADY_OPEN -> "already open in this program";
            case EAGAIN, EBUSY -> "in use by another program";
            case EACCES -> "permission denied";
            default -> "error " + port.getLastErrorCode();
        };
    }

    /**
     * The device a path names, links resolved. A name without a directory ("COM3", "ttyUSB0") is
     * left to jSerialComm; a path must exist, because jSerialComm maps a missing
     * {@code /any/dir/ttyUSB0} to {@code /dev/ttyUSB0} and would open another device.
     */
    private static String systemPath(String path) throws TransportException {
        if (!path.contains("/")) {
            return path;
        }
        try {
            return Path.of(path).toRealPath().toString();
        } catch (IOException | RuntimeException e) {
            throw new TransportException("serial device " + path + " not found", e);
        }
    }

    private static int parity(Parity parity) {
        return switch (parity) {
            case EVEN -> SerialPort.EVEN_PARITY;
            case NONE -> SerialPort.NO_PARITY;
            case ODD -> SerialPort.ODD_PARITY;
        };
    }

    @Override
    public int read(byte[] buffer) {
        return port.readBytes(buffer, buffer.length);
    }

    @Override
    public boolean write(byte[] frame) {
        return port.writeBytes(frame, frame.length) == frame.length;
    }

    @Override
    public void drain() {
        long deadline = System.nanoTime() + DRAIN_LIMIT_NANOS;
        while (port.bytesAwaitingWrite() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(DRAIN_POLL_NANOS);
        }
    }

    @Override
    public boolean configure(LineTiming line) {
        return port.setComPortParameters(line.baud(), 8, SerialPort.ONE_STOP_BIT, parity(line.parity()));
    }

    @Override
    public void close() {
        try {
            port.closePort();
        } catch (RuntimeException e) {
            // Nothing left to release.
        }
    }
}
