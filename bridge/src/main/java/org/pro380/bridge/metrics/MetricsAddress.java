package org.pro380.bridge.metrics;

/**
 * Where {@code /metrics} is served: {@code HOST:PORT}, or {@code PORT} alone for the loopback
 * interface. Serving on another interface must be asked for by name.
 */
public record MetricsAddress(String host, int port) {

    public static final String LOOPBACK = "127.0.0.1";

    public MetricsAddress {
        if (host.isBlank()) {
            throw new IllegalArgumentException("--metrics needs a host before the colon, or only a port for " + LOOPBACK);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--metrics port must be 0..65535, got " + port);
        }
    }

    public static MetricsAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? LOOPBACK : text.substring(0, colon);
        String port = text.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new MetricsAddress(host, Integer.parseInt(port));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--metrics must be HOST:PORT or PORT, got '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
