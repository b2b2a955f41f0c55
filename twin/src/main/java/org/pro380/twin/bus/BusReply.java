package org.pro380.twin.bus;

import java.util.List;
import org.pro380.meter.ModbusReply;

/** What the master hears on a line after one request frame. */
public sealed interface BusReply {

    /** No meter answered: another unit, a broadcast write, a meter without power or at other line settings. */
    record Silence() implements BusReply {
    }

    /** One meter answered. */
    record Answer(ModbusReply reply) implements BusReply {
    }

    /**
     * Several meters answered at once (two with the same unit id on one bus, a configuration
     * error): on a real line their frames collide and the master receives damaged bytes.
     */
    record Collision(List<ModbusReply> replies) implements BusReply {
        public Collision {
            replies = List.copyOf(replies);
        }
    }

    BusReply SILENCE = new Silence();
}
