package org.ledgermta.domain.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EgressChoiceTest {

    /**
     * pool: the last octet of each 127.0.0.x IP, "!" marking one that is blacklisted or retired; tried: octets
     * already used for this message; expected: the IPs the choice may return (over many seeds it returns each),
     * with "reused" when all healthy IPs have been tried, or "wait".
     */
    @ParameterizedTest(name = "pool [{0}], tried [{1}] -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '§', textBlock = """
            11 12 13      | §§       | 11 12 13
            11 12 13      | 11       | 12 13
            11 12 13      | 11 12    | 13
            11 12 13      | 11 12 13 | 11 12 13 reused
            11 !12 13     | §§       | 11 13
            11 !12 13     | 11       | 13
            11 !12 13     | 11 13    | 11 13 reused
            !11 !12 13    | 13       | 13 reused
            11 !12        | 12       | 11
            !11 !12 !13   | §§       | wait
            !11 !12 !13   | 11       | wait
            §§            | §§       | wait
            11            | 99       | 11
            11 12         | 99 11    | 12
            """)
    void choiceFollowsHealthAndWhatWasTried(String pool, String tried, String expected) {
        Set<String> outcomes = new TreeSet<>();
        for (long seed = 0; seed < 200; seed++) {
            outcomes.add(render(EgressChoice.choose(pool(pool), addresses(tried), new SplittableRandom(seed))));
        }

        assertThat(String.join(" ", outcomes)).isEqualTo(expectedOutcomes(expected));
    }

    @Test
    void picksAreUniformOverUntriedHealthyIps() {
        List<EgressIpHealth> pool = pool("11 12 13");
        SplittableRandom random = new SplittableRandom(20260302L);

        Map<String, Integer> counts = countPicks(pool, Set.of(), random, 30_000);

        assertThat(counts).containsOnlyKeys("127.0.0.11", "127.0.0.12", "127.0.0.13");
        assertThat(counts.values()).allSatisfy(count -> assertThat(count).isBetween(9_500, 10_500));
    }

    @Test
    void picksAreUniformOverTheIpsLeftAfterExclusions() {
        List<EgressIpHealth> pool = pool("11 12 !13 14 15");
        SplittableRandom random = new SplittableRandom(7L);

        Map<String, Integer> counts = countPicks(pool, addresses("11 14"), random, 30_000);

        assertThat(counts).containsOnlyKeys("127.0.0.12", "127.0.0.15");
        assertThat(counts.values()).allSatisfy(count -> assertThat(count).isBetween(14_250, 15_750));
    }

    @Test
    void neverATriedIpWhileAnUntriedHealthyOneExists() {
        for (long seed = 0; seed < 5_000; seed++) {
            SplittableRandom situation = new SplittableRandom(seed);
            List<EgressIpHealth> pool = new ArrayList<>();
            Set<EgressIpAddress> tried = new HashSet<>();
            int size = situation.nextInt(0, 9);
            for (int octet = 11; octet < 11 + size; octet++) {
                EgressIpAddress ip = new EgressIpAddress("127.0.0." + octet);
                pool.add(new EgressIpHealth(ip, situation.nextInt(4) > 0));
                if (situation.nextBoolean()) {
                    tried.add(ip);
                }
            }
            Set<EgressIpAddress> healthy = pool.stream().filter(EgressIpHealth::healthy)
                    .map(EgressIpHealth::address).collect(Collectors.toSet());
            Set<EgressIpAddress> untriedHealthy = new HashSet<>(healthy);
            untriedHealthy.removeAll(tried);

            EgressDecision decision = EgressChoice.choose(pool, tried, situation);

            String context = "seed " + seed + ", pool " + pool + ", tried " + tried;
            if (healthy.isEmpty()) {
                assertThat(decision).as(context).isEqualTo(new EgressDecision.NoHealthyIp());
            } else if (!untriedHealthy.isEmpty()) {
                assertThat(decision).as(context).isInstanceOfSatisfying(EgressDecision.UseIp.class, use -> {
                    assertThat(untriedHealthy).contains(use.ip());
                    assertThat(use.reused()).isFalse();
                });
            } else {
                assertThat(decision).as(context).isInstanceOfSatisfying(EgressDecision.UseIp.class, use -> {
                    assertThat(healthy).contains(use.ip());
                    assertThat(use.reused()).isTrue();
                });
            }
        }
    }

    @Test
    void sameSeedGivesTheSameIpWhateverOrderThePoolIsListedIn() {
        List<EgressIpHealth> pool = pool("11 12 13 14 !15 16");
        List<EgressIpHealth> reversed = new ArrayList<>(pool);
        Collections.reverse(reversed);

        for (long seed = 0; seed < 100; seed++) {
            assertThat(EgressChoice.choose(reversed, addresses("12"), new SplittableRandom(seed)))
                    .isEqualTo(EgressChoice.choose(pool, addresses("12"), new SplittableRandom(seed)));
        }
    }

    @Test
    void poolListingAnIpTwiceIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> EgressChoice.choose(pool("11 12 !11"), Set.of(), new SplittableRandom(1)))
                .withMessageContaining("lists 127.0.0.11 more than once");
    }

    private static Map<String, Integer> countPicks(List<EgressIpHealth> pool, Set<EgressIpAddress> tried,
            SplittableRandom random, int picks) {
        Map<String, Integer> counts = new HashMap<>();
        IntStream.range(0, picks).forEach(i -> {
            EgressDecision.UseIp use = (EgressDecision.UseIp) EgressChoice.choose(pool, tried, random);
            counts.merge(use.ip().value(), 1, Integer::sum);
        });
        return counts;
    }

    private static List<EgressIpHealth> pool(String octets) {
        return words(octets).map(octet -> octet.startsWith("!")
                        ? EgressIpHealth.unhealthy(ip(octet.substring(1)))
                        : EgressIpHealth.healthy(ip(octet)))
                .toList();
    }

    private static Set<EgressIpAddress> addresses(String octets) {
        return words(octets).map(EgressChoiceTest::ip).collect(Collectors.toSet());
    }

    private static Stream<String> words(String text) {
        return text == null || text.isBlank() ? Stream.empty() : Arrays.stream(text.trim().split(" +"));
    }

    private static EgressIpAddress ip(String octet) {
        return new EgressIpAddress("127.0.0." + octet);
    }

    private static String render(EgressDecision decision) {
        return switch (decision) {
            case EgressDecision.UseIp(EgressIpAddress ip, boolean reused) -> ip.value().substring(8)
                    + (reused ? "+reused" : "");
            case EgressDecision.NoHealthyIp() -> "wait";
        };
    }

    private static String expectedOutcomes(String expected) {
        boolean reused = expected.endsWith(" reused");
        String ips = reused ? expected.substring(0, expected.length() - " reused".length()) : expected;
        return words(ips).map(ip -> ip.equals("wait") ? ip : ip + (reused ? "+reused" : ""))
                .sorted().collect(Collectors.joining(" "));
    }
}
