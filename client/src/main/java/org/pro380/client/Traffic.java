package org.pro380.client;

import org.pro380.protocol.LineSettings;

/**
 * What went over the wire: requests sent and bytes in each direction, counted as whole ADUs
 * (RTU: unit id, PDU and CRC; Modbus TCP: MBAP header and PDU), retries and stray bytes included.
 */
public record Traffic(int requests, long bytesSent, long bytesReceived) {
    public static final Traffic NONE = new Traffic(0, 0, 0);

    public long bytes() {
        return bytesSent + bytesReceived;
    }

    public Traffic plus(Traffic other) {
        return new Traffic(requests + other.requests, bytesSent + other.bytesSent, bytesReceived + other.bytesReceived);
    }

    public Traffic minus(Traffic earlier) {
        return new Traffic(
                requests - earlier.requests, bytesSent - earlier.bytesSent, bytesReceived - earlier.bytesReceived);
    }

    /**
     * The time these bytes occupy an RS485 line: every byte at the line's character time, and
     * the 3.5-character silence that ends each frame (one after the request, one after the reply).
     * The meter's own processing time is not included. Meaningful for RTU byte counts.
     */
    public long wireNanos(LineSettings line) {
        return line.frameNanos(Math.toIntExact(bytes())) + 2L * requests * line.interFrameGapNanos();
    }
}
