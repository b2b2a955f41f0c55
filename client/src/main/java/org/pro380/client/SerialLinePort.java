package org.pro380.client;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import org.pro380.protocol.Parity;

/** A serial port (USB RS485 adapter, or a pty) through jSerialComm, 8 data bits, 1 stop bit. */
final class SerialLinePort implements Port {
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
            port = SerialPort.getCommPort(path);
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
        port.setComPortParameters(settings.baud(), 8, SerialPort.ONE_STOP_BIT, parity(settings.parity()));
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        if (!port.openPort()) {
            throw new ConnectionFailedException("cannot open serial port " + path + " (error "
                    + port.getLastErrorCode() + "): missing, in use, or no permission");
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
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, Math.max(1, timeoutMillis), 0);
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
