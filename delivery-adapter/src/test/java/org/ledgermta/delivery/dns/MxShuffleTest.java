package org.ledgermta.delivery.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ledgermta.delivery.dns.MxResolverTest.EXAMPLE;
import static org.ledgermta.delivery.dns.MxResolverTest.SOA;
import static org.ledgermta.delivery.dns.MxResolverTest.hosts;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ledgermta.delivery.testing.LoopbackDnsResponder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

// RFC 5321 §5.1: MX hosts of equal preference are tried in random order, to spread the load.
class MxShuffleTest {

    private LoopbackDnsResponder dns;

    @BeforeEach
    void start() throws IOException {
        dns = new LoopbackDnsResponder(SOA,
                "example.com. 300 MX 10 a.example.com.",
                "example.com. 300 MX 10 b.example.com.",
                "example.com. 300 MX 5 first.example.com.",
                "example.com. 300 MX 20 last.example.com.",
                "a.example.com. 300 A 127.0.0.21",
                "b.example.com. 300 A 127.0.0.22",
                "first.example.com. 300 A 127.0.0.23",
                "last.example.com. 300 A 127.0.0.24");
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    // Not java.util.Random: for neighbouring seeds its first nextInt(2) is nearly always the same (it scrambles the
    // seed too little), so 1000 consecutive seeds would give one order; SplittableRandom mixes the seed first.
    private MxResolver resolver(long seed) {
        return new MxResolver(dns.address(), Duration.ofSeconds(2), 25, new SplittableRandom(seed), DnsCache.none());
    }

    @Test
    void equalPreferencesComeInBothOrdersAcrossSeedsAndOnlyAmongThemselves() {
        Map<List<String>, Integer> orders = new HashMap<>();
        for (long seed = 0; seed < 1000; seed++) {
            orders.merge(hosts(resolver(seed).resolve(EXAMPLE)), 1, Integer::sum);
        }

        assertThat(orders).containsOnlyKeys(
                List.of("first.example.com", "a.example.com", "b.example.com", "last.example.com"),
                List.of("first.example.com", "b.example.com", "a.example.com", "last.example.com"));
        // 1000 fair coin tosses land outside 400..600 with a probability below 1e-9.
        assertThat(orders.values()).allSatisfy(count -> assertThat(count).isBetween(400, 600));
    }

    @Test
    void aFixedSeedGivesTheSameOrdersEveryTime() {
        MxResolver one = resolver(42);
        MxResolver other = resolver(42);
        List<List<String>> fromOne = new ArrayList<>();
        List<List<String>> fromOther = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            fromOne.add(hosts(one.resolve(EXAMPLE)));
            fromOther.add(hosts(other.resolve(EXAMPLE)));
        }

        assertThat(fromOne).isEqualTo(fromOther);
        assertThat(new HashSet<>(fromOne)).as("one resolver still shuffles on every resolution").hasSize(2);
    }
}
