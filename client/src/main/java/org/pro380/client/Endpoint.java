package org.pro380.client;

import java.util.Objects;
import org.pro380.protocol.LineSettings;

/** Where the meter is reached: a serial port, an RS485-to-Ethernet gateway (RTU over TCP), or Modbus TCP. */
public sealed interface Endpoint permits Endpoint.Serial, Endpoint.RtuOverTcp, Endpoint.ModbusTcp {

    /** A serial device, e.g. /dev/ttyUSB0, at a baud and parity. */
    record Serial(String path, LineSettings line) implements Endpoint {
        public Serial {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(line, "line");
        }

        @Override
        public String toString() {
            return path + " at " + line;
        }
    }

    /** RTU frames over a TCP connection, as a transparent gateway passes them to the RS485 line. */
    record RtuOverTcp(String host, int port) implements Endpoint {
        @Override
        public String toString() {
            return "RTU over TCP " + host + ":" + port;
        }
    }

    /** Modbus TCP (MBAP header, no CRC). */
    record ModbusTcp(String host, int port) implements Endpoint {
        @Override
        public String toString() {
            return "Modbus TCP " + host + ":" + port;
        }
    }
}
