package org.pro380.twin.transport;

import org.pro380.protocol.LineSettings;

/** An open serial port as {@link SerialRtuPort} uses it: 8 data bits, 1 stop bit. */
interface SerialDevice {

    /** Reads what has arrived, waiting up to about 100 ms for a first byte: 0 if none, -1 once closed or lost. */
    int read(byte[] buffer);

    /** Writes {@code frame}; false if not all of it could be written. */
    boolean write(byte[] frame);

    /** Waits until the bytes written have left the system's output queue. */
    void drain();

    /** Sets baud and parity; false if the device refused (a pseudo-terminal may). */
    boolean configure(LineSettings line);

    /** Releases the device, waking a blocked {@link #read}; never throws. */
    void close();
}
