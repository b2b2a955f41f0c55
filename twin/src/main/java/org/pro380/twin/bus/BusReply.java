package org.pro380.twin.bus;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.pro380.protocol.RtuCodec;
import org.pro380.protocol.UnitPdu;
import org.pro380.twin.fault.ReplyFaults;

/** What the master hears on a line after one request frame. */
public sealed interface BusReply {

    /** No meter answered: another unit, a broadcast write, a meter without power or at other line settings. */
    record Silence() implements BusReply {}

    /** One meter answered; {@code faults} the meter's faults the transport frames the reply with. */
    record Answer(UnitPdu reply, ReplyFaults faults) implements BusReply {
        public Answer(UnitPdu reply) {
            this(reply, ReplyFaults.NONE);
        }
    }

    /**
     * Several meters answered at once (two with the same unit id on one bus, a configuration
     * error): on a real line their frames collide and the master receives damaged bytes.
     */
    record Collision(List<UnitPdu> replies) implements BusReply {
        public Collision {
            replies = List.copyOf(replies);
        }

        /**
         * What the master receives when the frames overlap from their first byte: an RS485 line
         * driven low by any sender reads as the AND of their bits, as long as the longest frame.
         * Its CRC fails (unless the frames are equal), so the master sees a damaged frame.
         */
        public byte[] onTheLine() {
            List<byte[]> frames = replies.stream()
                    .map(r -> RtuCodec.encode(r.unitId(), r.pdu()))
                    .toList();
            byte[] mixed =
                    new byte[frames.stream().mapToInt(f -> f.length).max().orElse(0)];
            Arrays.fill(mixed, (byte) 0xFF);
            for (byte[] f : frames) {
                for (int i = 0; i < f.length; i++) {
                    mixed[i] &= f[i];
                }
            }
            return mixed;
        }
    }

    BusReply SILENCE = new Silence();

    /** The one reply the master gets, if exactly one meter answered. */
    default Optional<UnitPdu> answer() {
        return this instanceof Answer a ? Optional.of(a.reply()) : Optional.empty();
    }
}
