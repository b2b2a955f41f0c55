package org.pro380.twin.http;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A server-sent events client on a plain socket, so that a test controls the connection exactly:
 * it sends one GET, reads the head, then the body chunk by chunk (or raw, for HTTP/1.0) and splits
 * it into events at blank lines. Closing it closes the socket, as a browser tab going away does.
 */
final class EventStreamClient implements AutoCloseable {

    /** One event: its name ("message" if none was given), its data lines joined by \n, and its retry field if any. */
    record Event(String name, String data, String retry) {}

    private final Socket socket;
    private final InputStream in;
    final int status;
    final Map<String, String> headers = new LinkedHashMap<>();
    private final boolean chunked;
    private final StringBuilder text = new StringBuilder();

    private EventStreamClient(Socket socket, int status, boolean chunked, InputStream in) {
        this.socket = socket;
        this.status = status;
        this.chunked = chunked;
        this.in = in;
    }

    /** Opens {@code path} with an HTTP/1.1 GET, or HTTP/1.0 if {@code version} says so. */
    static EventStreamClient open(int port, String path, String version) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(3000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " " + version + "\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.put(
                    header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    header.substring(colon + 1).trim());
        }
        boolean chunked = "chunked".equalsIgnoreCase(headers.get("transfer-encoding"));
        EventStreamClient client = new EventStreamClient(socket, status, chunked, in);
        client.headers.putAll(headers);
        return client;
    }

    static EventStreamClient open(int port) throws IOException {
        return open(port, StateEvents.PATH, "HTTP/1.1");
    }

    /** The next event, waiting up to the socket's timeout for it. Comments are skipped. */
    Event next() throws IOException {
        while (true) {
            int end = text.indexOf("\n\n");
            if (end >= 0) {
                String block = text.substring(0, end);
                text.delete(0, end + 2);
                Event event = parse(block);
                if (event != null) {
                    return event;
                }
                continue;
            }
            readMore();
        }
    }

    /** The whole body that is left, up to the end of the stream (for a refusal with Content-Length). */
    String rest() throws IOException {
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        return new String(in.readNBytes(length), UTF_8);
    }

    /** Sends raw bytes on the stream's connection. */
    void send(String raw) throws IOException {
        socket.getOutputStream().write(raw.getBytes(US_ASCII));
        socket.getOutputStream().flush();
    }

    /**
     * Whether the server closes the connection within 5 s: reading gives end of stream (or a
     * reset). Events that still arrive are skipped, up to that deadline.
     */
    boolean closedByServer() {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        try {
            byte[] buffer = new byte[8192];
            while (System.nanoTime() < deadline) {
                if (in.read(buffer) < 0) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return !(e instanceof java.net.SocketTimeoutException);
        }
    }

    private void readMore() throws IOException {
        if (!chunked) {
            byte[] buffer = new byte[8192];
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("the stream ended");
            }
            text.append(new String(buffer, 0, n, UTF_8));
            return;
        }
        String sizeLine = line(in);
        int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
        if (size == 0) {
            throw new IOException("the stream ended (last chunk)");
        }
        byte[] chunk = in.readNBytes(size);
        if (chunk.length < size) {
            throw new IOException("the stream ended inside a chunk");
        }
        text.append(new String(chunk, UTF_8));
        line(in);
    }

    private static Event parse(String block) {
        String name = "message";
        String retry = null;
        StringBuilder data = null;
        for (String line : block.split("\n", -1)) {
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
            switch (field) {
                case "event" -> name = value;
                case "retry" -> retry = value;
                case "data" ->
                    data = data == null
                            ? new StringBuilder(value)
                            : data.append('\n').append(value);
                default -> {}
            }
        }
        if (data == null && retry == null) {
            return null;
        }
        return new Event(name, data == null ? null : data.toString(), retry);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        if (b < 0 && line.size() == 0) {
            throw new IOException("the connection was closed");
        }
        return line.toString(US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
