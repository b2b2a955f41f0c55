package org.pro380.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UnitIdsTest {

    @Test
    void listsAndRangesInBothSpellings() {
        assertThat(UnitIds.parse("1,2,5..9")).containsExactly(1, 2, 5, 6, 7, 8, 9);
        assertThat(UnitIds.parse("5-7, 1")).containsExactly(1, 5, 6, 7);
        assertThat(UnitIds.parse("3,3")).containsExactly(3);
        assertThat(UnitIds.parse("247")).containsExactly(247);
    }

    @Test
    void badListsAreOneLineErrors() {
        assertThatThrownBy(() -> UnitIds.parse("0")).hasMessage("unit ids must be 1..247, got 0 in '0'");
        assertThatThrownBy(() -> UnitIds.parse("1..248")).hasMessage("unit ids must be 1..247, got 248 in '1..248'");
        assertThatThrownBy(() -> UnitIds.parse("9..5")).hasMessage("unit id range 9..5 runs backwards");
        assertThatThrownBy(() -> UnitIds.parse("1,,2"))
                .hasMessage("unit ids must look like 1,2,5..9 or 5-9, got '1,,2'");
        assertThatThrownBy(() -> UnitIds.parse("a")).hasMessageContaining("must look like");
    }
}
