package org.pro380.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.pro380.protocol.MalformedFrameException;
import org.pro380.protocol.MbapFramer;
import org.pro380.protocol.RtuFramer;

/**
 * What the bytes received over TCP look like when they are no reply in the framing asked for:
 * an HTTP response, an RTU frame on a Modbus TCP link, or an MBAP frame on an RTU link.
 */
final class TransportGuess {
    static final String RTU_PORT = "this looks like an RTU-over-TCP port; try --rtu-tcp";
    static final String MBAP_PORT = "this looks like a Modbus TCP port; try --tcp";
    private static final byte[] HTTP = "HTTP".getBytes(StandardCharsets.US_ASCII);

    private TransportGuess() {}

    /** The hint for {@code seen}, received at {@code endpoint}; empty if it looks like nothing known. */
    static Optional<String> of(Endpoint endpoint, String address, byte[] seen) {
        if (seen.length >= HTTP.length && Arrays.equals(seen, 0, HTTP.length, HTTP, 0, HTTP.length)) {
            return Optional.of(address + " answered \"" + firstLine(seen)
                    + "\": this looks like an HTTP server, not a Modbus port");
        }
        if (endpoint instanceof Endpoint.ModbusTcp && holdsRtuFrame(seen)) {
            return Optional.of(address + " answered with an RTU frame: " + RTU_PORT);
        }
        if (endpoint instanceof Endpoint.RtuOverTcp && holdsMbapFrame(seen)) {
            return Optional.of(address + " answered with a Modbus TCP frame: " + MBAP_PORT);
        }
        return Optional.empty();
    }

    /** The same endpoint with the other framing, to ask in it once a link stayed silent; empty for serial ports. */
    static Optional<Endpoint> otherFraming(Endpoint endpoint) {
        if (endpoint instanceof Endpoint.ModbusTcp t) {
            return Optional.of(new Endpoint.RtuOverTcp(t.host(), t.port()));
        } else if (endpoint instanceof Endpoint.RtuOverTcp t) {
            return Optional.of(new Endpoint.ModbusTcp(t.host(), t.port()));
        }
        return Optional.empty();
    }

    /** The hint once {@code other} (see {@link #otherFraming}) got an answer where the link's own framing did not. */
    static String answeredIn(Endpoint other) {
        return other instanceof Endpoint.RtuOverTcp
                ? "but it answers RTU frames: " + RTU_PORT
                : "but it answers Modbus TCP: " + MBAP_PORT;
    }

    private static boolean holdsRtuFrame(byte[] seen) {
        return !new RtuFramer(RtuFramer.Side.RESPONSES)
                .feed(seen, 0, seen.length)
                .isEmpty();
    }

    private static boolean holdsMbapFrame(byte[] seen) {
        try {
            return !new MbapFramer().feed(seen, 0, seen.length).isEmpty();
        } catch (MalformedFrameException e) {
            return false;
        }
    }

    private static String firstLine(byte[] seen) {
        String text = new String(seen, 0, Math.min(seen.length, 80), StandardCharsets.US_ASCII);
        return text.lines().findFirst().orElse("").strip();
    }
}
