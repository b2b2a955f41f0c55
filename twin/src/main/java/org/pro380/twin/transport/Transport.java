package org.pro380.twin.transport;

/** One way the twin is reachable (a listening socket, a gateway connection, a serial port). */
public interface Transport extends AutoCloseable {

    /** One line for the console: what it is and where, e.g. "Modbus TCP on 127.0.0.1:5020". */
    String describe();

    /** Stops it and releases its port or device; never throws. */
    @Override
    void close();
}
