package org.ledgermta.delivery.body;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What stays in memory, by byte budget: the oldest bodies go first; one too large is never kept. */
class RecentBodiesTest {

    static Stream<Arguments> puts() {
        // budget 100 bytes; sizes put in order; the hashes kept afterwards
        return Stream.of(
                Arguments.of(List.of(10, 20, 25), List.of("b0", "b1", "b2")),
                Arguments.of(List.of(10, 20, 30), List.of("b0", "b1")),
                Arguments.of(List.of(25, 25, 25, 25), List.of("b0", "b1", "b2", "b3")),
                Arguments.of(List.of(25, 25, 25, 25, 1), List.of("b1", "b2", "b3", "b4")),
                Arguments.of(List.of(20, 20, 20, 20, 20, 20), List.of("b1", "b2", "b3", "b4", "b5")),
                Arguments.of(List.of(26), List.of()),
                Arguments.of(List.of(10, 26, 10), List.of("b0", "b2")),
                Arguments.of(List.of(0, 0), List.of("b0", "b1")));
    }

    @ParameterizedTest
    @MethodSource("puts")
    void theNewestBodiesWithinTheBudgetAreKept(List<Integer> sizes, List<String> kept) {
        RecentBodies recent = new RecentBodies(100);
        for (int i = 0; i < sizes.size(); i++) {
            recent.put("b" + i, new byte[sizes.get(i)]);
        }

        for (int i = 0; i < sizes.size(); i++) {
            assertThat(recent.get("b" + i).isPresent()).as("b" + i).isEqualTo(kept.contains("b" + i));
        }
        assertThat(recent.size()).isEqualTo(kept.size());
        assertThat(recent.bytes()).isEqualTo(kept.stream().mapToLong(id -> sizes.get(Integer.parseInt(id.substring(1)))).sum());
    }
}
