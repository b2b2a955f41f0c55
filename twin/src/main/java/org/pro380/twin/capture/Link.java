package org.pro380.twin.capture;

import java.net.InetSocketAddress;

/** The wire a captured frame travelled on. */
public sealed interface Link {

    /**
     * A TCP connection: {@code peer} is the master's end (or, for a gateway the twin dials, the
     * gateway's), {@code local} the twin's.
     */
    record Tcp(InetSocketAddress peer, InetSocketAddress local) implements Link {}

    /** A serial line or pseudo-terminal, by its device path. */
    record Serial(String device) implements Link {}
}
