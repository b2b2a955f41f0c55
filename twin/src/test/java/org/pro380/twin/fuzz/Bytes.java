package org.pro380.twin.fuzz;

/**
 * Byte helpers of the fuzz, written from the specs rather than taken from the protocol module:
 * the RTU CRC (spec section 2: poly 0xA001 reflected, initial 0xFFFF, low byte first on the wire)
 * and hex for messages.
 */
final class Bytes {

    private Bytes() {}

    static int crc(byte[] b, int from, int to) {
        int crc = 0xFFFF;
        for (int i = from; i < to; i++) {
            crc ^= b[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
        }
        return crc;
    }

    /** Whether {@code b[from, to)} ends with the CRC of what precedes it (at least 4 bytes). */
    static boolean crcValid(byte[] b, int from, int to) {
        if (to - from < 4) {
            return false;
        }
        int crc = crc(b, from, to - 2);
        return (b[to - 2] & 0xFF) == (crc & 0xFF) && (b[to - 1] & 0xFF) == crc >>> 8;
    }

    /** Unit id, PDU and CRC. */
    static byte[] rtu(int unit, byte[] pdu) {
        byte[] adu = new byte[pdu.length + 3];
        adu[0] = (byte) unit;
        System.arraycopy(pdu, 0, adu, 1, pdu.length);
        return withCrc(adu);
    }

    /** {@code adu} with its last two bytes set to the CRC of the rest. */
    static byte[] withCrc(byte[] adu) {
        int crc = crc(adu, 0, adu.length - 2);
        adu[adu.length - 2] = (byte) crc;
        adu[adu.length - 1] = (byte) (crc >>> 8);
        return adu;
    }

    /** MBAP header (transaction id, protocol id 0, length), unit id, PDU. */
    static byte[] mbap(int transaction, int unit, byte[] pdu) {
        byte[] adu = new byte[7 + pdu.length];
        adu[0] = (byte) (transaction >> 8);
        adu[1] = (byte) transaction;
        adu[4] = (byte) ((pdu.length + 1) >> 8);
        adu[5] = (byte) (pdu.length + 1);
        adu[6] = (byte) unit;
        System.arraycopy(pdu, 0, adu, 7, pdu.length);
        return adu;
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(sb.isEmpty() ? "" : " ").append(String.format("%02x", x & 0xFF));
        }
        return sb.toString();
    }
}
