package org.pro380.twin.capture;

import java.io.ByteArrayOutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pro380.protocol.Crc16;

/**
 * Frames to pcapng blocks, with no I/O: a section header, one interface per kind of wire, one
 * enhanced packet block per frame.
 *
 * <p>TCP frames become IPv4 or IPv6 packets with a TCP header on the connection's real addresses
 * and ports (link type RAW, 101), with sequence numbers that follow each direction's bytes, so
 * Wireshark reassembles and decodes the stream. Serial frames carry the 12-byte header of link type
 * RTAC_SERIAL (250): the time, an event type (end of a received or a sent frame) and control
 * lines, then the RTU frame. Each packet's flags say its direction (in: to the meter) and, for a
 * serial frame whose CRC fails, the CRC-error flag; a frame the twin changed on purpose has the
 * fault's name as its comment.
 */
public final class PcapngEncoder {

    static final int LINKTYPE_RAW = 101;
    static final int LINKTYPE_RTAC_SERIAL = 250;

    private static final int SECTION_HEADER = 0x0A0D0D0A;
    private static final int INTERFACE_DESCRIPTION = 1;
    private static final int ENHANCED_PACKET = 6;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int SNAPLEN = 65_535;
    private static final short OPT_END = 0;
    private static final short OPT_COMMENT = 1;
    private static final short OPT_IF_NAME = 2;
    private static final short OPT_EPB_FLAGS = 2;
    private static final int FLAG_INBOUND = 0b01;
    private static final int FLAG_OUTBOUND = 0b10;
    private static final int FLAG_CRC_ERROR = 1 << 24;
    /** RTAC serial event types: a frame received, a frame sent. */
    private static final int RTAC_RX_END = 0x04;

    private static final int RTAC_TX_END = 0x03;

    static final int MAX_FLOWS = 8192;

    private static final Link ALL_TCP = new Link.Tcp(new InetSocketAddress(0), new InetSocketAddress(0));

    private final Map<Link, Integer> interfaces = new LinkedHashMap<>();
    /**
     * Per direction of each connection, the sequence number its next byte has; only the
     * {@value #MAX_FLOWS} most recently used are kept, so that a long capture of many short
     * connections stays small (a connection quiet for that long starts again at 1).
     */
    private final Map<Flow, Long> nextSequence = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Flow, Long> eldest) {
            return size() > MAX_FLOWS;
        }
    };

    private int ipId;

    /**
     * The blocks that start a file: a section header, and a description of every interface used so
     * far, with their numbers, so that packets go on referring to them in the next file.
     */
    public byte[] sectionHeader() {
        Block b = new Block(SECTION_HEADER, 0);
        b.body.putInt(BYTE_ORDER_MAGIC).putShort((short) 1).putShort((short) 0).putLong(-1L);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(b.finish());
        interfaces.keySet().forEach(link -> out.writeBytes(interfaceDescription(link)));
        return out.toByteArray();
    }

    /**
     * The blocks for {@code frame}: the description of its interface if this is the interface's first
     * frame (empty otherwise), and its packet.
     */
    public Blocks encode(CapturedFrame frame) {
        Link wire = wireOf(frame.link());
        byte[] newInterface = new byte[0];
        Integer interfaceId = interfaces.get(wire);
        if (interfaceId == null) {
            interfaceId = interfaces.size();
            interfaces.put(wire, interfaceId);
            newInterface = interfaceDescription(wire);
        }
        byte[] packet = frame.link() instanceof Link.Tcp tcp ? tcpPacket(tcp, frame) : serialPacket(frame);
        byte[] note = frame.note().getBytes(StandardCharsets.UTF_8);
        Block b = new Block(ENHANCED_PACKET, packet.length + note.length);
        b.body.putInt(interfaceId)
                .putInt((int) (frame.epochMicros() >>> 32))
                .putInt((int) frame.epochMicros())
                .putInt(packet.length)
                .putInt(packet.length)
                .put(packet);
        b.pad();
        int flags = frame.direction() == Direction.IN ? FLAG_INBOUND : FLAG_OUTBOUND;
        if (frame.link() instanceof Link.Serial && !Crc16.endsWithValidCrc(frame.bytesUnsafe(), 0, frame.length())) {
            flags |= FLAG_CRC_ERROR;
        }
        b.option(
                OPT_EPB_FLAGS,
                ByteBuffer.allocate(4)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .putInt(flags)
                        .array());
        if (note.length > 0) {
            b.option(OPT_COMMENT, note);
        }
        b.endOptions();
        return new Blocks(newInterface, b.finish());
    }

    /** What {@link #encode} gives: a new interface's description (or nothing), then the packet. */
    public record Blocks(byte[] newInterface, byte[] packet) {
        public int length() {
            return newInterface.length + packet.length;
        }
    }

    /** All TCP connections share one interface (their packets carry their addresses); each serial line has its own. */
    private static Link wireOf(Link link) {
        return link instanceof Link.Serial ? link : ALL_TCP;
    }

    private static byte[] interfaceDescription(Link wire) {
        byte[] name = (wire instanceof Link.Serial s ? s.device() : "Modbus over TCP").getBytes(StandardCharsets.UTF_8);
        Block b = new Block(INTERFACE_DESCRIPTION, name.length);
        b.body.putShort((short) (wire instanceof Link.Serial ? LINKTYPE_RTAC_SERIAL : LINKTYPE_RAW))
                .putShort((short) 0)
                .putInt(SNAPLEN);
        b.option(OPT_IF_NAME, name);
        b.endOptions();
        return b.finish();
    }

    private byte[] serialPacket(CapturedFrame frame) {
        ByteBuffer p = ByteBuffer.allocate(12 + frame.length());
        p.putInt((int) (frame.epochMicros() / 1_000_000))
                .putInt((int) (frame.epochMicros() % 1_000_000))
                .put((byte) (frame.direction() == Direction.IN ? RTAC_RX_END : RTAC_TX_END))
                .put((byte) 0)
                .putShort((short) 0)
                .put(frame.bytesUnsafe());
        return p.array();
    }

    private byte[] tcpPacket(Link.Tcp tcp, CapturedFrame frame) {
        boolean in = frame.direction() == Direction.IN;
        InetSocketAddress from = in ? tcp.peer() : tcp.local();
        InetSocketAddress to = in ? tcp.local() : tcp.peer();
        long seq = nextSequence.getOrDefault(new Flow(from, to), 1L);
        long ack = nextSequence.getOrDefault(new Flow(to, from), 1L);
        nextSequence.put(new Flow(from, to), seq + frame.length());
        byte[] segment = TcpSegment.of(from, to, seq, ack, frame.bytesUnsafe());
        return from.getAddress() instanceof Inet6Address
                ? Ip.v6(from.getAddress(), to.getAddress(), segment)
                : Ip.v4(from.getAddress(), to.getAddress(), ipId++, segment);
    }

    /** Forgets a closed connection's sequence numbers. */
    public void closed(Link.Tcp tcp) {
        nextSequence.remove(new Flow(tcp.peer(), tcp.local()));
        nextSequence.remove(new Flow(tcp.local(), tcp.peer()));
    }

    private record Flow(InetSocketAddress from, InetSocketAddress to) {}

    /** A block being written: type, length, body, options, length again; little-endian. */
    private static final class Block {
        /** Room for the fixed fields, the options' headers and padding. */
        private static final int OVERHEAD = 64;

        final ByteBuffer body;

        Block(int type, int variableBytes) {
            body = ByteBuffer.allocate(OVERHEAD + variableBytes).order(ByteOrder.LITTLE_ENDIAN);
            body.putInt(type).putInt(0);
        }

        void pad() {
            while (body.position() % 4 != 0) {
                body.put((byte) 0);
            }
        }

        void option(short code, byte[] value) {
            body.putShort(code).putShort((short) value.length).put(value);
            pad();
        }

        void endOptions() {
            body.putShort(OPT_END).putShort((short) 0);
        }

        byte[] finish() {
            int length = body.position() + 4;
            body.putInt(length);
            body.putInt(4, length);
            byte[] bytes = new byte[length];
            body.flip();
            body.get(bytes);
            return bytes;
        }
    }

    /** IP headers for a TCP segment. */
    static final class Ip {
        private static final int TCP = 6;

        private Ip() {}

        static byte[] v4(InetAddress from, InetAddress to, int id, byte[] segment) {
            ByteBuffer p = ByteBuffer.allocate(20 + segment.length);
            p.put((byte) 0x45)
                    .put((byte) 0)
                    .putShort((short) (20 + segment.length))
                    .putShort((short) id)
                    .putShort((short) 0x4000)
                    .put((byte) 64)
                    .put((byte) TCP)
                    .putShort((short) 0)
                    .put(from.getAddress())
                    .put(to.getAddress());
            p.putShort(10, (short) Checksum.of(p.array(), 0, 20, 0));
            p.put(segment);
            byte[] packet = p.array();
            int pseudo = Checksum.pseudoHeader(from.getAddress(), to.getAddress(), segment.length);
            TcpSegment.setChecksum(packet, 20, Checksum.of(packet, 20, segment.length, pseudo));
            return packet;
        }

        static byte[] v6(InetAddress from, InetAddress to, byte[] segment) {
            ByteBuffer p = ByteBuffer.allocate(40 + segment.length);
            p.putInt(0x60000000)
                    .putShort((short) segment.length)
                    .put((byte) TCP)
                    .put((byte) 64)
                    .put(from.getAddress())
                    .put(to.getAddress())
                    .put(segment);
            byte[] packet = p.array();
            int pseudo = Checksum.pseudoHeader(from.getAddress(), to.getAddress(), segment.length);
            TcpSegment.setChecksum(packet, 40, Checksum.of(packet, 40, segment.length, pseudo));
            return packet;
        }
    }

    /** A TCP header (PSH, ACK) before the payload; the checksum is set once the IP addresses are known. */
    static final class TcpSegment {
        private TcpSegment() {}

        static byte[] of(InetSocketAddress from, InetSocketAddress to, long seq, long ack, byte[] payload) {
            ByteBuffer s = ByteBuffer.allocate(20 + payload.length);
            s.putShort((short) from.getPort())
                    .putShort((short) to.getPort())
                    .putInt((int) seq)
                    .putInt((int) ack)
                    .put((byte) 0x50)
                    .put((byte) 0x18)
                    .putShort((short) 0xFFFF)
                    .putShort((short) 0)
                    .putShort((short) 0)
                    .put(payload);
            return s.array();
        }

        static void setChecksum(byte[] packet, int tcpOffset, int checksum) {
            packet[tcpOffset + 16] = (byte) (checksum >>> 8);
            packet[tcpOffset + 17] = (byte) checksum;
        }
    }

    /** The Internet checksum (RFC 1071). */
    static final class Checksum {
        private static final int TCP = 6;

        private Checksum() {}

        static int pseudoHeader(byte[] from, byte[] to, int tcpLength) {
            return sum(from) + sum(to) + TCP + tcpLength;
        }

        static int of(byte[] data, int offset, int length, int initial) {
            long sum = initial;
            for (int i = 0; i < length; i += 2) {
                int high = data[offset + i] & 0xFF;
                int low = i + 1 < length ? data[offset + i + 1] & 0xFF : 0;
                sum += (high << 8) | low;
            }
            while ((sum >> 16) != 0) {
                sum = (sum & 0xFFFF) + (sum >> 16);
            }
            return (int) (~sum & 0xFFFF);
        }

        private static int sum(byte[] address) {
            int sum = 0;
            for (int i = 0; i < address.length; i += 2) {
                sum += ((address[i] & 0xFF) << 8) | (address[i + 1] & 0xFF);
            }
            return sum;
        }
    }
}
