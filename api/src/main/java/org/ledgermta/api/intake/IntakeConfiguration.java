package org.ledgermta.api.intake;

import io.lettuce.core.api.StatefulRedisConnection;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.ledgermta.api.account.PasswordHasher;
import org.ledgermta.api.config.StoreProperties;
import org.ledgermta.api.smtp.AccountPasswordValidator;
import org.ledgermta.api.smtp.SmtpIntakeServer;
import org.ledgermta.api.smtp.SmtpProperties;
import org.ledgermta.api.store.LedgerStore;
import org.ledgermta.delivery.body.MessageBodyStore;
import org.ledgermta.delivery.limit.RedisVolumeCounter;
import org.ledgermta.delivery.scan.ClamdScanner;
import org.ledgermta.delivery.scan.RspamdScanner;
import org.ledgermta.projections.account.AccountDirectory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class IntakeConfiguration {

    @Bean
    MessageBodyStore messageBodyStore(LedgerStore store) {
        return new MessageBodyStore(store.database());
    }

    @Bean
    RedisVolumeCounter redisVolumeCounter(StatefulRedisConnection<String, String> redis) {
        return new RedisVolumeCounter(redis);
    }

    @Bean
    IntakePipeline intakePipeline(AccountDirectory accounts, RedisVolumeCounter volume, ScanProperties scan,
                                  MessageBodyStore bodies, MessageSigning signing, CommandGateway commands,
                                  EventGateway events, IntakeProperties properties) {
        List<ScanPolicy> scanners = new ArrayList<>();
        if (scan.rspamd().enabled()) {
            OptionalDouble rejectScore = scan.rspamd().rejectScore() == null
                    ? OptionalDouble.empty() : OptionalDouble.of(scan.rspamd().rejectScore());
            scanners.add(new ScanPolicy(new RspamdScanner(scan.rspamd().url(), scan.rspamd().timeout(), rejectScore),
                    scan.rspamd().failOpen()));
        }
        if (scan.clamav().enabled()) {
            scanners.add(new ScanPolicy(new ClamdScanner(scan.clamav().host(), scan.clamav().port(),
                    scan.clamav().timeout(), 64 * 1024), scan.clamav().failOpen()));
        }
        return new IntakePipeline(accounts, volume, scanners, bodies, signing, commands, events, properties,
                hostname(properties), Clock.systemUTC());
    }

    @Bean
    SmtpIntakeServer smtpIntakeServer(SmtpProperties properties, IntakePipeline pipeline, AccountDirectory accounts,
                                      PasswordHasher hasher, StoreProperties store) {
        return new SmtpIntakeServer(properties, pipeline, new AccountPasswordValidator(accounts, hasher),
                store.dataDir());
    }

    private static String hostname(IntakeProperties properties) {
        if (!properties.hostname().isBlank()) {
            return properties.hostname();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }
}
