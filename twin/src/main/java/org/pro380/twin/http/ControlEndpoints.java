package org.pro380.twin.http;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.pro380.meter.RegisterAccessException;
import org.pro380.meter.TariffInput;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;
import org.pro380.twin.TwinControl;

/**
 * The control API's calls: each reads its body, acts on the twin, and answers the new state. The
 * route table is {@link #router}.
 */
final class ControlEndpoints {

    private final TwinControl control;

    ControlEndpoints(TwinControl control) {
        this.control = control;
    }

    /** Every route of the control API, and the front panel's files from the classpath. */
    static Router router(TwinControl control, TokenCheck tokens) {
        ControlEndpoints calls = new ControlEndpoints(control);
        PanelAssets panel = PanelAssets.fromClasspath();
        return new Router(tokens)
                .get("/", (request, path) -> panel.index())
                .get("/panel/**", (request, path) -> panel.asset(request.path()))
                .get("/api/state", (request, path) -> calls.state())
                .get(StateEvents.PATH, (request, path) -> calls.events())
                .put("/api/load", (request, path) -> calls.putLoad(request))
                .put("/api/tariff-input", (request, path) -> calls.putTariffInput(request))
                .post("/api/power", (request, path) -> calls.postPower(request))
                .put("/api/registers/{key}", (request, path) -> calls.putRegister(path.get("key"), request));
    }

    ApiResponse state() {
        return ApiResponse.json(200, StateJson.of(control.reading(), control.load()));
    }

    /** The opening of an event stream (see {@link StateEvents}): the network end keeps it going. */
    ApiResponse events() {
        return StateEvents.opening(StateJson.of(control.reading(), control.load()));
    }

    /** {@code {"frequency": 50, "phases": [...]}}: see {@link LoadJson}. */
    ApiResponse putLoad(ApiRequest request) throws ApiException {
        control.setLoad(LoadJson.parse(Json.parseObject(request.body())));
        return state();
    }

    /** {@code {"input": "none" | "T2" | "T3"}}, any case. */
    ApiResponse putTariffInput(ApiRequest request) throws ApiException {
        JsonFields body = JsonFields.of(Json.parseObject(request.body()), "", List.of("input"));
        String name = body.text("input");
        Optional<TariffInput> input = Arrays.stream(TariffInput.values())
                .filter(i -> i.name().equalsIgnoreCase(name))
                .findFirst();
        if (input.isEmpty()) {
            throw ApiException.badRequest("input must be " + Arrays.stream(TariffInput.values())
                    .map(i -> "\"" + StateJson.tariffInput(i) + "\"")
                    .collect(Collectors.joining(", ")) + ", got \"" + name + "\"");
        }
        control.setTariffInput(input.get());
        return state();
    }

    /** {@code {"on": true | false}}. */
    ApiResponse postPower(ApiRequest request) throws ApiException {
        JsonFields body = JsonFields.of(Json.parseObject(request.body()), "", List.of("on"));
        control.setPower(body.bool("on"));
        return state();
    }

    /**
     * {@code {"value": N}}: N is encoded as the register's data type (lcd-cycle-time 25 is BCD
     * 0x0025) and written as a Modbus write would be, with the same checks.
     */
    ApiResponse putRegister(String key, ApiRequest request) throws ApiException {
        Register<?> register = Registers.MAP.byKeyOrAlias(key).orElseThrow(() ->
                new ApiException(404, "no register \"" + key + "\"; GET /api/state lists them by key"));
        if (!register.writable()) {
            throw ApiException.badRequest(register.key() + " is read-only; the writable registers are " + writableKeys());
        }
        int value = JsonFields.of(Json.parseObject(request.body()), "", List.of("value")).integer("value");
        int[] words;
        try {
            words = register.type().encodeObject(value);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw ApiException.badRequest(register.key() + ": " + e.getMessage());
        }
        try {
            control.writeRegisters(register.address(), words);
        } catch (RegisterAccessException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        return state();
    }

    private static String writableKeys() {
        return Registers.MAP.all().stream().filter(Register::writable).map(Register::key)
                .collect(Collectors.joining(", "));
    }
}
