package org.pro380.protocol;

/**
 * The length of an RTU frame implied by its function code (Modbus over Serial Line, and the
 * spec's section 2). Requests: 01..06 and 08 are 8 bytes; 15/16 are 9 + the byte count at
 * index 6; 07, 11, 12, 17 are 4. Responses: an exception (0x80 bit) is 5; 01..04 are 5 + the
 * byte count at index 2 (unsigned); 05, 06, 15, 16 are 8. Other codes have no implied length.
 */
final class RtuFrameLength {
    /** More bytes are needed to know the length. */
    static final int NEED_MORE = -1;
    /** The function code implies no length: search for a valid CRC. */
    static final int SEARCH = -2;
    /** No frame can start here: a request with function code 0 or 0x80+, or a length over 256. */
    static final int INVALID = -3;

    private RtuFrameLength() {}

    /** The implied length of a frame starting at {@code start} with {@code available} bytes, or a marker. */
    static int of(RtuFramer.Side side, byte[] buf, int start, int available) {
        if (available < 2) {
            return NEED_MORE;
        }
        int fc = buf[start + 1] & 0xFF;
        int length = side == RtuFramer.Side.REQUESTS
                ? request(fc, buf, start, available)
                : response(fc, buf, start, available);
        return length > RtuCodec.MAX_ADU ? INVALID : length;
    }

    private static int request(int fc, byte[] buf, int start, int available) {
        return switch (fc) {
            case 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x08 -> 8;
            case 0x07, 0x0B, 0x0C, 0x11 -> 4;
            case 0x0F, 0x10 -> available < 7 ? NEED_MORE : 9 + (buf[start + 6] & 0xFF);
            default -> fc == 0 || fc >= 0x80 ? INVALID : SEARCH;
        };
    }

    private static int response(int fc, byte[] buf, int start, int available) {
        if (fc >= 0x80) {
            return 5;
        }
        return switch (fc) {
            case 0x01, 0x02, 0x03, 0x04 -> available < 3 ? NEED_MORE : 5 + (buf[start + 2] & 0xFF);
            case 0x05, 0x06, 0x0F, 0x10 -> 8;
            default -> SEARCH;
        };
    }
}
