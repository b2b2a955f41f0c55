package org.pro380.twin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PathTemplateTest {

    @Test
    void literalPathMatchesOnlyItself() {
        PathTemplate state = PathTemplate.of("/api/state");

        assertThat(state.match("/api/state")).contains(Map.of());
        assertThat(state.match("/api/state/")).isEmpty();
        assertThat(state.match("/api")).isEmpty();
        assertThat(state.match("/api/state/x")).isEmpty();
    }

    @Test
    void rootMatchesOnlyTheRoot() {
        assertThat(PathTemplate.of("/").match("/")).contains(Map.of());
        assertThat(PathTemplate.of("/").match("/api")).isEmpty();
    }

    @Test
    void namedSegmentCapturesOneNonEmptySegment() {
        PathTemplate register = PathTemplate.of("/api/registers/{key}");

        assertThat(register.match("/api/registers/lcd-cycle-time")).contains(Map.of("key", "lcd-cycle-time"));
        assertThat(register.match("/api/registers/")).isEmpty();
        assertThat(register.match("/api/registers")).isEmpty();
        assertThat(register.match("/api/registers/a/b")).isEmpty();
    }

    @Test
    void restMatchesAnythingBelow() {
        PathTemplate panel = PathTemplate.of("/panel/**");

        assertThat(panel.match("/panel/")).isPresent();
        assertThat(panel.match("/panel/css/site.css")).isPresent();
        assertThat(panel.match("/panelx")).isEmpty();
    }

    @Test
    void restOnlyAtTheEnd() {
        assertThatThrownBy(() -> PathTemplate.of("/a/**/b")).isInstanceOf(IllegalArgumentException.class);
    }
}
