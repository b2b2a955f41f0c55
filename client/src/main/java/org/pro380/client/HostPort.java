package org.pro380.client;

import java.net.InetSocketAddress;

/** A host and TCP port as given on the command line: {@code 127.0.0.1:5020}, {@code [::1]:502}, {@code :5020}. */
public record HostPort(String host, int port) {

    public HostPort {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
    }

    /** Parses HOST:PORT; a missing host means loopback. Port 0 picks a free port. */
    public static HostPort parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("expected HOST:PORT, got \"" + text + "\"");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            host = "127.0.0.1";
        }
        return new HostPort(host, parsePort(text.substring(colon + 1), text));
    }

    /**
     * Parses HOST:PORT or HOST alone, which gets {@code defaultPort}: {@code 10.0.0.5},
     * {@code 10.0.0.5:5020}, {@code [::1]}, {@code ::1}, {@code [::1]:502}.
     */
    public static HostPort parse(String text, int defaultPort) {
        boolean bracketedAlone = text.startsWith("[") && text.endsWith("]");
        boolean bareIpv6 = !text.startsWith("[") && text.indexOf(':') != text.lastIndexOf(':');
        if (bracketedAlone || bareIpv6 || text.indexOf(':') < 0) {
            String host = bracketedAlone ? text.substring(1, text.length() - 1) : text;
            return new HostPort(host.isEmpty() ? "127.0.0.1" : host, defaultPort);
        }
        return parse(text);
    }

    /**
     * Where a server listens: HOST:PORT, or PORT alone for the loopback interface (serving on
     * another interface must be asked for by name).
     */
    public static HostPort parseListener(String text) {
        return !text.isEmpty() && text.chars().allMatch(Character::isDigit)
                ? loopback(parsePort(text, text))
                : parse(text);
    }

    private static int parsePort(String port, String text) {
        try {
            return Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port is not a number in \"" + text + "\"");
        }
    }

    public static HostPort loopback(int port) {
        return new HostPort("127.0.0.1", port);
    }

    public HostPort withPort(int newPort) {
        return new HostPort(host, newPort);
    }

    public InetSocketAddress toAddress() {
        return new InetSocketAddress(host, port);
    }

    public boolean isLoopback() {
        return toAddress().getAddress() != null && toAddress().getAddress().isLoopbackAddress();
    }

    @Override
    public String toString() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
