package org.pro380.twin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenCheckTest {

    private static final Optional<String> NONE = Optional.empty();

    @Test
    void loopbackWithoutTokenLetsChangesThrough() {
        TokenCheck check = TokenCheck.forBind(true, NONE);

        assertThatCode(() -> check.check(NONE)).doesNotThrowAnyException();
    }

    @Test
    void loopbackWithAnExplicitTokenRequiresIt() {
        TokenCheck check = TokenCheck.forBind(true, Optional.of("abc"));

        assertRefused(check, NONE);
        assertThatCode(() -> check.check(Optional.of("Bearer abc"))).doesNotThrowAnyException();
    }

    @Test
    void nonLoopbackRequiresTheToken() {
        TokenCheck check = TokenCheck.forBind(false, Optional.of("abc"));

        assertThat(check.refusesAll()).isFalse();
        assertRefused(check, NONE);
        assertRefused(check, Optional.of("Bearer abd"));
        assertRefused(check, Optional.of("Bearer ab"));
        assertRefused(check, Optional.of("Basic abc"));
        assertRefused(check, Optional.of("abc"));
        assertThatCode(() -> check.check(Optional.of("Bearer abc"))).doesNotThrowAnyException();
        assertThatCode(() -> check.check(Optional.of("bearer  abc "))).doesNotThrowAnyException();
    }

    @Test
    void nonLoopbackWithoutTokenRefusesEveryChange() {
        TokenCheck check = TokenCheck.forBind(false, NONE);

        assertThat(check.refusesAll()).isTrue();
        assertRefused(check, NONE);
        assertRefused(check, Optional.of("Bearer "));
        assertRefused(check, Optional.of("Bearer anything"));
    }

    @Test
    void emptyTokenCountsAsNone() {
        assertThatCode(() -> TokenCheck.forBind(true, Optional.of("")).check(NONE))
                .doesNotThrowAnyException();
        assertThat(TokenCheck.forBind(false, Optional.of("")).refusesAll()).isTrue();
    }

    private static void assertRefused(TokenCheck check, Optional<String> authorization) {
        assertThatThrownBy(() -> check.check(authorization))
                .as(authorization.toString())
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.headers()).containsKey("WWW-Authenticate");
                });
    }
}
