package org.ledgermta.api.sender;

import java.time.Duration;
import org.ledgermta.domain.sender.DkimAlgorithm;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * DKIM keys and the DNS records we ask customers to publish. {@code masterKey} encrypts every private key
 * at rest (AES-256-GCM, base64 of 32 bytes: {@code openssl rand -base64 32}); without it no domain can be
 * registered. The rotation grace must outlast the queue (mta.retry.max-age) plus the records' TTL, since
 * mail is signed at intake and may wait in the queue for days.
 */
@ConfigurationProperties(prefix = "mta.dkim", ignoreUnknownFields = false)
public record SenderDomainProperties(
        @DefaultValue("") String masterKey,
        @DefaultValue("RSA_2048") DkimAlgorithm algorithm,
        @DefaultValue("6d") Duration rotationGrace,
        @DefaultValue("") String spfInclude,
        @DefaultValue("") String dmarcReportMailbox) {
}
