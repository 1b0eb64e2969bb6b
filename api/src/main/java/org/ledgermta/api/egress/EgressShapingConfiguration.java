package org.ledgermta.api.egress;

import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.ledgermta.api.forensics.LedgerEvents;
import org.ledgermta.api.store.LedgerStore;
import org.ledgermta.delivery.limit.RedisEgressCounters;
import org.ledgermta.domain.provider.Providers;
import org.ledgermta.projections.egress.EgressPool;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Warm-up caps, per-provider shaping and back-offs: the gate every delivery attempt passes. */
@Configuration(proxyBeanMethods = false)
public class EgressShapingConfiguration {

    @Bean
    WarmUpSettings warmUpSettings(WarmUpProperties properties) {
        return WarmUpSettings.of(properties);
    }

    @Bean
    Providers providers(WarmUpProperties properties) {
        if (properties.providersFile().isBlank()) {
            return Providers.standard();
        }
        Path file = Path.of(properties.providersFile());
        try {
            return Providers.parse(Files.readAllLines(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("mta.warm-up.providers-file: " + file + " cannot be read: " + e, e);
        }
    }

    @Bean
    RedisEgressCounters redisEgressCounters(StatefulRedisConnection<String, String> redis,
                                            WarmUpProperties properties, LedgerStore store) {
        return new RedisEgressCounters(redis, properties.counterKeyPrefix() + LedgerIdentity.of(store.database()) + ":",
                Duration.ofSeconds(1));
    }

    @Bean
    EgressGate egressGate(EgressPool pool, Providers providers, RedisEgressCounters counters, LedgerEvents events) {
        return new EgressGate(pool, providers, counters, new SentCountsFromLedger(events, providers),
                ThreadLocalRandom::current);
    }

    @Bean
    BackOffSweeper backOffSweeper(EgressPool pool, CommandGateway commands) {
        return new BackOffSweeper(pool, commands, Clock.systemUTC(), Duration.ofSeconds(1));
    }
}
