package org.pro380.bridge;

import java.nio.file.Path;
import org.pro380.client.ClientConfig;
import org.pro380.client.ClientException;
import org.pro380.client.Endpoint;
import org.pro380.client.Pro380Client;
import org.pro380.client.Snapshot;
import org.pro380.twin.Twin;
import org.pro380.twin.TwinConfig;
import org.pro380.twin.TwinStartException;

/**
 * A twin of the typical meter (serial 22091039) started for a test, a client connected to it
 * over Modbus TCP, and a whole reading taken with that client: what the poller hands a sink.
 */
public final class TwinReading implements AutoCloseable {

    public final Twin twin;
    public final Pro380Client client;
    public final Snapshot snapshot;

    private TwinReading(Twin twin, Pro380Client client, Snapshot snapshot) {
        this.twin = twin;
        this.client = client;
        this.snapshot = snapshot;
    }

    public static TwinReading start(Path stateDir) throws TwinStartException, ClientException {
        Twin twin = Twin.start(TwinConfig.forTests(stateDir).build());
        try {
            Pro380Client client = Pro380Client.connect(ClientConfig.of(new Endpoint.ModbusTcp(
                    "127.0.0.1", twin.tcpAddress().orElseThrow().getPort())));
            return new TwinReading(twin, client, client.snapshot());
        } catch (ClientException | RuntimeException e) {
            twin.close();
            throw e;
        }
    }

    @Override
    public void close() {
        client.close();
        twin.close();
    }
}
