package org.pro380.twin.http;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.pro380.protocol.Hex;

/** One Modbus TCP request on a connection of its own, for tests that count what the twin saw. */
final class ModbusTcpAsk {

    private ModbusTcpAsk() {}

    /** Sends {@code pdu} (hex) to {@code unit} as transaction 1 and waits for the reply (or a gateway's 0x0B). */
    static void once(InetSocketAddress address, int unit, String pdu) throws IOException {
        byte[] body = Hex.parse(pdu);
        byte[] frame = new byte[7 + body.length];
        frame[1] = 1;
        frame[5] = (byte) (body.length + 1);
        frame[6] = (byte) unit;
        System.arraycopy(body, 0, frame, 7, body.length);
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(frame);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] header = new byte[7];
            in.readFully(header);
            in.readFully(new byte[((header[4] & 0xFF) << 8 | header[5] & 0xFF) - 1]);
        }
    }
}
