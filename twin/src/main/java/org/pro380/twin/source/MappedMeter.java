package org.pro380.twin.source;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.pro380.client.ClientConfig;
import org.pro380.client.ClientException;
import org.pro380.client.ModbusLink;
import org.pro380.meter.Load;

/** A generic meter polled through its register map: each of the map's reads, then the load they hold. */
record MappedMeter(ModbusLink link, int unit, ModbusSourceMap map) implements MeterFeed.Polled {

    static MappedMeter open(ClientConfig config, ModbusSourceMap map) throws ClientException {
        return new MappedMeter(
                ModbusLink.open(config.endpoint(), config.timeout(), config.retries()), config.unitId(), map);
    }

    @Override
    public Supplier<Load> read() throws ClientException {
        List<int[]> words = new ArrayList<>();
        for (ModbusSourceMap.Read r : map.reads()) {
            words.add(
                    r.function() == 4
                            ? link.readInputRegisters(unit, r.address(), r.quantity())
                            : link.readRegisters(unit, r.address(), r.quantity()));
        }
        return () -> map.load(words);
    }

    @Override
    public void close() {
        link.close();
    }
}
