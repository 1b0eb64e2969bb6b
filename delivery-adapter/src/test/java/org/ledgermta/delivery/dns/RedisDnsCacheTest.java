package org.ledgermta.delivery.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ledgermta.delivery.testing.LocalRedis;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Type;

class RedisDnsCacheTest {

    @RegisterExtension
    static final LocalRedis REDIS = new LocalRedis();

    private final String prefix = "ledgermta:dns:test:" + UUID.randomUUID() + ":";
    private final RedisDnsCache cache = new RedisDnsCache(REDIS.connection(), prefix);

    @AfterEach
    void removeKeys() {
        REDIS.deleteKeys(prefix);
    }

    @Test
    void eachKindOfAnswerReadsBackAsWritten() {
        List<DnsAnswer> answers = List.of(
                new DnsAnswer.Records(List.of("10 mx1.example.com", "20 mx2.example.com"), Duration.ofSeconds(60)),
                new DnsAnswer.Records(List.of("0 ."), Duration.ofSeconds(60)),
                new DnsAnswer.NoSuchDomain(Duration.ofSeconds(60)),
                new DnsAnswer.NoRecords(Duration.ofSeconds(60)));
        for (DnsAnswer answer : answers) {
            DnsQuestion question = new DnsQuestion("example.com", Type.MX);
            cache.remember(question, answer);
            awaitKey(cache.key(question));

            assertThat(cache.find(question)).get().usingRecursiveComparison().ignoringFields("ttl").isEqualTo(answer);
        }
    }

    @Test
    void keysArePrefixTypeAndLowerCaseName() {
        assertThat(new RedisDnsCache(REDIS.connection(), "ledgermta:dns:").key(new DnsQuestion("MX1.Example.com", Type.AAAA)))
                .isEqualTo("ledgermta:dns:aaaa:mx1.example.com");
    }

    @Test
    void anAnswerExpiresWithItsTtl() {
        DnsQuestion question = new DnsQuestion("mx1.example.com", Type.A);
        cache.remember(question, new DnsAnswer.Records(List.of("127.0.0.21"), Duration.ofSeconds(42)));
        awaitKey(cache.key(question));

        assertThat(REDIS.connection().sync().pttl(cache.key(question))).isBetween(40_000L, 42_000L);
    }

    @Test
    void failuresAndZeroTtlsAreNotKept() {
        DnsQuestion question = new DnsQuestion("example.com", Type.MX);
        cache.remember(question, new DnsAnswer.Failure("SERVFAIL"));
        cache.remember(question, new DnsAnswer.NoSuchDomain(Duration.ZERO));
        REDIS.connection().sync().ping();

        assertThat(REDIS.connection().sync().exists(cache.key(question))).isZero();
    }

    @ParameterizedTest(name = "{0}: ''{1}''")
    @CsvSource(delimiter = '|', value = {
            "A    | ''",
            "A    | records",
            "A    | records\\n",
            "A    | records\\nmx1.example.com",
            "AAAA | records\\n127.0.0.1",
            "MX   | records\\n10",
            "MX   | records\\n10 mx1.example.com extra",
            "MX   | records\\n70000 mx1.example.com",
            "MX   | records\\n-1 mx1.example.com",
            "MX   | nxdomain\\nextra",
            "MX   | nodata\\n",
            "MX   | v2-something"})
    void anUnreadableValueIsAMiss(String type, String value) {
        DnsQuestion question = new DnsQuestion("example.com", Type.value(type));
        REDIS.connection().sync().set(cache.key(question), value.replace("\\n", "\n"));

        assertThat(cache.find(question)).isEqualTo(Optional.empty());
    }

    private static void awaitKey(String key) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (REDIS.connection().sync().exists(key) == 0) {
            assertThat(System.nanoTime() - deadline).as("key %s written within 5 s", key).isNegative();
            Thread.onSpinWait();
        }
    }
}
