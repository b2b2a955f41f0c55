package org.pro380.client;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.nio.file.Path;
import org.pro380.protocol.Parity;

/** A serial port (USB RS485 adapter, or a pty) through jSerialComm, 8 data bits, 1 stop bit. */
final class SerialLinePort implements Port {
    private static final int EINVAL = 22;
    private static final int WRITE_TIMEOUT_MILLIS = 2000;
    private final String path;
    private final SerialPort port;
    private LineSettings line;

    private SerialLinePort(String path, SerialPort port, LineSettings line) {
        this.path = path;
        this.port = port;
        this.line = line;
    }

    static SerialLinePort open(String path, LineSettings line) throws ClientException {
        SerialPort port;
        try {
            port = SerialPort.getCommPort(devicePath(path));
        } catch (RuntimeException e) {
            throw new ConnectionFailedException("no serial port " + path + ": " + e.getMessage(), e);
        }
        SerialLinePort p = new SerialLinePort(path, port, line);
        p.openAt(line);
        return p;
    }

    /** Closes the port and opens it again at new settings, as after the meter's baud or parity changed. */
    void reopen(LineSettings newLine) throws ClientException {
        port.closePort();
        openAt(newLine);
        line = newLine;
    }

    LineSettings line() {
        return line;
    }

    private void openAt(LineSettings settings) throws ClientException {
        if (tryOpen(settings.baud(), parity(settings.parity()))) {
            return;
        }
        // A Linux pseudo-terminal has no parity bit and refuses (EINVAL) to be reopened asking for one.
        if (port.getLastErrorCode() == EINVAL && settings.parity() != Parity.NONE
                && tryOpen(settings.baud(), SerialPort.NO_PARITY)) {
            return;
        }
        throw new ConnectionFailedException("cannot open serial port " + path + " (error "
                + port.getLastErrorCode() + "): in use, or no permission");
    }

    private boolean tryOpen(int baud, int parity) {
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, parity);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        return port.openPort();
    }

    /**
     * A path with its links resolved (socat's pty links, /dev/serial/by-id/...). It must exist: for a
     * missing /some/dir/ttyUSB0 jSerialComm would open /dev/ttyUSB0 instead. Bare names (COM3) are jSerialComm's.
     */
    private static String devicePath(String path) throws ConnectionFailedException {
        if (!path.contains("/")) {
            return path;
        }
        try {
            return Path.of(path).toRealPath().toString();
        } catch (IOException e) {
            throw new ConnectionFailedException("no serial port " + path);
        }
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        int n = port.writeBytes(bytes, bytes.length);
        if (n != bytes.length) {
            throw new IOException("wrote " + n + " of " + bytes.length + " bytes to " + path);
        }
    }

    @Override
    public int read(byte[] buffer, int timeoutMillis) throws IOException {
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                Math.max(1, timeoutMillis), WRITE_TIMEOUT_MILLIS);
        int n = port.readBytes(buffer, buffer.length);
        if (n < 0) {
            throw new IOException("serial port " + path + " failed (error " + port.getLastErrorCode() + ")");
        }
        return n;
    }

    @Override
    public void discardInput() {
        byte[] sink = new byte[256];
        while (port.bytesAvailable() > 0) {
            port.readBytes(sink, Math.min(sink.length, port.bytesAvailable()));
        }
    }

    @Override
    public String describe() {
        return path + " at " + line;
    }

    @Override
    public void close() {
        port.closePort();
    }

    private static int parity(Parity p) {
        return switch (p) {
            case EVEN -> SerialPort.EVEN_PARITY;
            case NONE -> SerialPort.NO_PARITY;
            case ODD -> SerialPort.ODD_PARITY;
        };
    }
}
