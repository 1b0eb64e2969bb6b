package org.ledgermta.api.intake;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Content scanners consulted before a message is accepted. Both are off by default so that the
 * embedded defaults run on a bare machine; production turns them on (docker/compose.yml does).
 * Fail-closed (the default) answers 451 4.3.0 while a scanner is down; fail-open accepts unscanned.
 */
@ConfigurationProperties(prefix = "mta.scan", ignoreUnknownFields = false)
public record ScanProperties(@DefaultValue Rspamd rspamd, @DefaultValue Clamav clamav) {

    public record Rspamd(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("http://127.0.0.1:11333") URI url,
            // unset: refuse what rspamd's own actions say "reject"
            Double rejectScore,
            @DefaultValue("false") boolean failOpen,
            @DefaultValue("20s") Duration timeout) {
    }

    public record Clamav(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("127.0.0.1") String host,
            @DefaultValue("3310") int port,
            @DefaultValue("false") boolean failOpen,
            @DefaultValue("20s") Duration timeout) {
    }
}
