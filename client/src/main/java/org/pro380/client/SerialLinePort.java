package org.pro380.client;

import java.io.IOException;
import org.pro380.protocol.LineSettings;
import org.pro380.serial.SerialLine;
import org.pro380.serial.SerialLineException;

/** A serial port (USB RS485 adapter, or a pty) as a {@link Port}: 8 data bits, 1 stop bit. */
final class SerialLinePort implements Port {

    private final String path;
    private SerialLine serial;
    private LineSettings line;

    private SerialLinePort(String path, SerialLine serial, LineSettings line) {
        this.path = path;
        this.serial = serial;
        this.line = line;
    }

    static SerialLinePort open(String path, LineSettings line) throws ClientException {
        return new SerialLinePort(path, openAt(path, line), line);
    }

    /** Closes the port and opens it again at new settings, as after the meter's baud or parity changed. */
    void reopen(LineSettings newLine) throws ClientException {
        serial.close();
        serial = openAt(path, newLine);
        line = newLine;
    }

    LineSettings line() {
        return line;
    }

    private static SerialLine openAt(String path, LineSettings settings) throws ClientException {
        try {
            return SerialLine.open(path, settings, 1);
        } catch (SerialLineException e) {
            throw new ConnectionFailedException(e.getMessage(), e);
        }
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        if (!serial.write(bytes)) {
            throw new IOException("could not write " + bytes.length + " bytes to " + path);
        }
    }

    @Override
    public int read(byte[] buffer, int timeoutMillis) throws IOException {
        serial.setReadTimeout(timeoutMillis);
        int n = serial.read(buffer);
        if (n < 0) {
            throw new IOException("serial device " + path + " failed (" + serial.lastError() + ")");
        }
        return n;
    }

    @Override
    public void discardInput() {
        byte[] sink = new byte[256];
        while (serial.bytesAvailable() > 0) {
            serial.setReadTimeout(1);
            serial.read(sink);
        }
    }

    @Override
    public String describe() {
        return path + " at " + line;
    }

    @Override
    public void close() {
        serial.close();
    }
}
