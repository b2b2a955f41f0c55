package org.pro380.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/** A TCP connection to Modbus TCP server or an RS485-to-Ethernet gateway. */
final class TcpPort implements Port {
    private final Socket socket;
    private final InputStream in;
    private final String address;

    private TcpPort(Socket socket, String address) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.address = address;
    }

    static TcpPort connect(String host, int port, int timeoutMillis) throws ClientException {
        String address = host + ":" + port;
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            return new TcpPort(socket, address);
        } catch (ConnectException e) {
            closeQuietly(socket);
            throw new ConnectionRefusedException(address, e);
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw new ConnectionFailedException("cannot connect to " + address + " within " + timeoutMillis + " ms", e);
        } catch (UnknownHostException e) {
            closeQuietly(socket);
            throw new ConnectionFailedException("cannot connect to " + address + ": no such host", e);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new ConnectionFailedException("cannot connect to " + address + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    @Override
    public int read(byte[] buffer, int timeoutMillis) throws IOException {
        socket.setSoTimeout(Math.max(1, timeoutMillis));
        try {
            return in.read(buffer);
        } catch (SocketTimeoutException e) {
            return 0;
        }
    }

    @Override
    public void discardInput() throws IOException {
        int n;
        while ((n = in.available()) > 0) {
            in.skipNBytes(n);
        }
    }

    @Override
    public String describe() {
        return address;
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing: nothing left to do
        }
    }
}
