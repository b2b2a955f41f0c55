package org.pro380.twin.transport;

import org.pro380.protocol.LineSettings;
import org.pro380.serial.SerialLine;
import org.pro380.serial.SerialLineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link SerialDevice} on a {@link SerialLine}: a USB RS485 adapter, a COM port, or one end of a pty pair. */
final class JSerialCommDevice implements SerialDevice {

    private static final int READ_TIMEOUT_MILLIS = 100;
    private static final Logger log = LoggerFactory.getLogger(JSerialCommDevice.class);

    private final SerialLine line;

    private JSerialCommDevice(SerialLine line) {
        this.line = line;
    }

    /** Opens {@code path} at {@code timing}, 8 data bits, 1 stop bit. */
    static JSerialCommDevice open(String path, LineSettings timing) throws TransportException {
        try {
            SerialLine line = SerialLine.open(path, timing, READ_TIMEOUT_MILLIS);
            if (line.openedWithoutParity()) {
                log.debug("serial device {} opened without parity (a pseudo-terminal?)", path);
            }
            return new JSerialCommDevice(line);
        } catch (SerialLineException e) {
            throw new TransportException(e.getMessage(), e);
        }
    }

    @Override
    public int read(byte[] buffer) {
        return line.read(buffer);
    }

    @Override
    public boolean write(byte[] frame) {
        return line.write(frame);
    }

    @Override
    public void drain() {
        line.drain();
    }

    @Override
    public boolean configure(LineSettings timing) {
        return line.configure(timing);
    }

    @Override
    public void close() {
        line.close();
    }
}
