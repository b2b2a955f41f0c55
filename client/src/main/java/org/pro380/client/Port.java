package org.pro380.client;

import java.io.Closeable;
import java.io.IOException;

/** A byte stream to a meter: a serial port or a TCP connection. Moves bytes only; framing is above it. */
interface Port extends Closeable {

    void write(byte[] bytes) throws IOException;

    /** Reads what has arrived, waiting at most {@code timeoutMillis} for the first byte; 0 on timeout, -1 at end of stream. */
    int read(byte[] buffer, int timeoutMillis) throws IOException;

    /** Drops bytes that arrived unasked (a late reply to an earlier request). */
    void discardInput() throws IOException;

    /** For messages: "127.0.0.1:5020", "/dev/ttyUSB0 at 9600 8E1". */
    String describe();

    @Override
    void close();
}
