package org.pro380.twin.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pro380.meter.Load;

/** The router without a network: what a twin bound to a non-loopback address answers. */
class RouterTest {

    private static final String LOAD = "{\"frequency\":55,\"phases\":["
            + "{\"voltage\":230,\"current\":1,\"powerFactor\":1},"
            + "{\"voltage\":230,\"current\":1,\"powerFactor\":1},"
            + "{\"voltage\":230,\"current\":1,\"powerFactor\":1}]}";

    private final MeterTwin twin = new MeterTwin();

    private ApiResponse putLoad(Router router, Optional<String> authorization) {
        return router.dispatch(new ApiRequest(
                "PUT", "/api/load", Optional.of("application/json"), authorization, LOAD.getBytes(UTF_8)));
    }

    @Test
    void nonLoopbackWithTokenLetsReadsThroughAndChangesOnlyWithTheToken() {
        Router router = ControlEndpoints.router(twin, TokenCheck.forBind(false, Optional.of("t0ken")));
        Load before = twin.load();

        assertThat(router.dispatch(ApiRequest.of("GET", "/api/state")).status()).isEqualTo(200);
        assertThat(putLoad(router, Optional.empty()).status()).isEqualTo(401);
        assertThat(putLoad(router, Optional.of("Bearer nope")).status()).isEqualTo(401);
        assertThat(twin.load()).isEqualTo(before);
        assertThat(putLoad(router, Optional.of("Bearer t0ken")).status()).isEqualTo(200);
        assertThat(twin.load().frequency()).isEqualTo(55);
    }

    @Test
    void nonLoopbackWithoutTokenIsReadOnly() {
        Router router = ControlEndpoints.router(twin, TokenCheck.forBind(false, Optional.empty()));

        ApiResponse refused = putLoad(router, Optional.of("Bearer anything"));

        assertThat(router.dispatch(ApiRequest.of("GET", "/api/state")).status()).isEqualTo(200);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(new String(refused.body(), UTF_8)).contains("non-loopback");
        assertThat(twin.load()).isEqualTo(Load.household());
    }

    @Test
    void unknownPathIsNotFoundBeforeTheTokenIsAsked() {
        Router router = ControlEndpoints.router(twin, TokenCheck.forBind(false, Optional.of("t0ken")));

        assertThat(router.dispatch(ApiRequest.of("PUT", "/api/nothing")).status())
                .isEqualTo(404);
        assertThat(router.dispatch(ApiRequest.of("DELETE", "/api/load")).status())
                .isEqualTo(405);
    }

    @Test
    void tokenIsAskedBeforeTheContentType() {
        Router router = ControlEndpoints.router(twin, TokenCheck.forBind(false, Optional.of("t0ken")));

        ApiResponse response = router.dispatch(
                new ApiRequest("PUT", "/api/load", Optional.of("text/plain"), Optional.empty(), LOAD.getBytes(UTF_8)));

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void plusJsonMediaTypesAreJson() {
        Router router = ControlEndpoints.router(twin, TokenCheck.forBind(true, Optional.empty()));

        ApiResponse response = router.dispatch(new ApiRequest(
                "PUT",
                "/api/load",
                Optional.of("application/merge-patch+json"),
                Optional.empty(),
                LOAD.getBytes(UTF_8)));

        assertThat(response.status()).isEqualTo(200);
    }
}
