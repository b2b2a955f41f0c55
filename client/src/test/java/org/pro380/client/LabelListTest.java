package org.pro380.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LabelListTest {

    private static List<String> first(int n, LabelList labels) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(labels.label(22091039 + i, 2 + i, "meter " + (i + 1)));
        }
        return out;
    }

    @Test
    void rangesNamesAndAnOpenEndInOrder() {
        assertThat(first(7, LabelList.parse("A1..A3,main,B1..2", Set.of())))
                .containsExactly("A1", "A2", "A3", "main", "B1", "B2", "meter 7");
        assertThat(first(4, LabelList.parse("A1..", Set.of()))).containsExactly("A1", "A2", "A3", "A4");
        assertThat(first(3, LabelList.parse("C08..C10", Set.of()))).containsExactly("C08", "C09", "C10");
    }

    @Test
    void labelsThePlanHasArePassedOver() {
        assertThat(first(3, LabelList.parse("A1..", Set.of("A1", "A3")))).containsExactly("A2", "A4", "A5");
    }

    @Test
    void badListsAreOneLineErrors() {
        assertThatThrownBy(() -> LabelList.parse("A1..,B1..", Set.of())).hasMessageContaining("only the last part");
        assertThatThrownBy(() -> LabelList.parse("A3..A1", Set.of())).hasMessage("labels: A3..A1 runs backwards");
        assertThatThrownBy(() -> LabelList.parse("A1..B3", Set.of()))
                .hasMessage("labels: A1..B3 runs from one prefix to another");
        assertThatThrownBy(() -> LabelList.parse("A1,,A2", Set.of())).hasMessageContaining("must look like");
    }
}
