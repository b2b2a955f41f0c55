package org.pro380.bridge.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import org.pro380.client.ClientConfig;
import org.pro380.client.Endpoint;
import org.pro380.client.HostPort;
import org.pro380.protocol.LineSettings;
import org.pro380.registers.Code;

/**
 * The line the page chose: a serial port at a baud and parity, an RS485-to-Ethernet gateway (RTU
 * over TCP) or Modbus TCP, with the timeout and retries of every request on it.
 */
record Connection(Endpoint endpoint, Duration timeout, int retries) {
    /** The Modbus TCP port of a host given without one, as mbpoll and {@code pro380 read} assume. */
    static final int MODBUS_PORT = 502;

    static final Duration TIMEOUT = ClientConfig.DEFAULT_TIMEOUT;
    static final int RETRIES = 2;

    /**
     * {@code {"serial":"/dev/ttyUSB0","baud":9600,"parity":"even"}}, {@code {"tcp":"HOST[:PORT]"}} or
     * {@code {"rtuTcp":"HOST[:PORT]"}}, each with an optional {@code "timeoutMs"}.
     */
    static Connection parse(JsonNode body) throws ApiError {
        int given = (body.has("serial") ? 1 : 0) + (body.has("tcp") ? 1 : 0) + (body.has("rtuTcp") ? 1 : 0);
        if (given != 1) {
            throw ApiError.badRequest("give one of serial, tcp and rtuTcp");
        }
        try {
            return new Connection(endpoint(body), timeout(body), RETRIES);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }

    private static Endpoint endpoint(JsonNode body) {
        if (body.has("serial")) {
            String path = body.get("serial").asText().trim();
            if (path.isEmpty()) {
                throw new IllegalArgumentException("serial: no port given");
            }
            int baud = body.path("baud").asInt(LineSettings.FACTORY.baud());
            String parity = body.path("parity").asText(Code.PARITY.text(LineSettings.FACTORY.parity()));
            return new Endpoint.Serial(path, new LineSettings(baud, Code.PARITY.parse(parity)));
        }
        String flag = body.has("tcp") ? "tcp" : "rtuTcp";
        HostPort hp;
        try {
            hp = HostPort.parse(body.get(flag).asText().trim(), MODBUS_PORT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + ": " + e.getMessage());
        }
        return flag.equals("tcp")
                ? new Endpoint.ModbusTcp(hp.host(), hp.port())
                : new Endpoint.RtuOverTcp(hp.host(), hp.port());
    }

    private static Duration timeout(JsonNode body) {
        return millis(body, "timeoutMs", TIMEOUT);
    }

    /** A wait in the body's {@code field} (1..60000 ms), or {@code otherwise} when there is none. */
    static Duration millis(JsonNode body, String field, Duration otherwise) {
        if (!body.has(field)) {
            return otherwise;
        }
        JsonNode value = body.get(field);
        int millis = value.asInt(-1);
        if (millis < 1 || millis > 60_000) {
            throw new IllegalArgumentException(field + " must be 1..60000, got " + value);
        }
        return Duration.ofMillis(millis);
    }

    ClientConfig config(int unitId) throws ApiError {
        try {
            return new ClientConfig(endpoint, unitId, timeout, retries);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }

    /**
     * The baud and parity the meters are asked at: the serial port's; over TCP the gateway's
     * serial side sets them, taken as the factory's.
     */
    LineSettings line() {
        return endpoint instanceof Endpoint.Serial s ? s.line() : LineSettings.FACTORY;
    }

    boolean onSerialLine() {
        return endpoint instanceof Endpoint.Serial;
    }

    /** The same line at other settings, as a meter that changed its baud or parity is followed. */
    Connection at(LineSettings line) {
        return endpoint instanceof Endpoint.Serial s
                ? new Connection(new Endpoint.Serial(s.path(), line), timeout, retries)
                : this;
    }

    ObjectNode json() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("text", endpoint.toString());
        if (endpoint instanceof Endpoint.Serial s) {
            node.put("serial", s.path())
                    .put("baud", s.line().baud())
                    .put("parity", Code.PARITY.text(s.line().parity()));
        } else if (endpoint instanceof Endpoint.ModbusTcp t) {
            node.put("tcp", new HostPort(t.host(), t.port()).toString());
        } else if (endpoint instanceof Endpoint.RtuOverTcp t) {
            node.put("rtuTcp", new HostPort(t.host(), t.port()).toString());
        }
        node.put("timeoutMs", timeout.toMillis());
        return node;
    }
}
