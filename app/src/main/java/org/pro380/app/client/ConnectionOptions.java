package org.pro380.app.client;

import org.pro380.client.ClientConfig;
import org.pro380.client.Endpoint;
import org.pro380.registers.UnitId;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The connection flags every client command shares, in mbpoll/modpoll habits: the link and one unit id. */
public final class ConnectionOptions {

    @Mixin
    LinkOptions link = new LinkOptions();

    @Option(
            names = {"-a", "--unit"},
            paramLabel = "ID",
            defaultValue = "1",
            description = "the meter's unit id, " + UnitId.RANGE
                    + "; 0 reaches a lone meter of unknown id (default ${DEFAULT-VALUE})")
    int unit;

    /** Where to connect: exactly one of --tcp, --rtu-tcp, --serial; Modbus TCP to the local twin if none. */
    Endpoint endpoint() {
        return link.endpoint();
    }

    ClientConfig config() {
        return link.config(unit);
    }

    /** Turns on the log of frames on the wire, before the client's classes are loaded. */
    void applyDebug() {
        link.applyDebug();
    }
}
