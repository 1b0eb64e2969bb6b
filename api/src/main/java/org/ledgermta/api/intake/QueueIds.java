package org.ledgermta.api.intake;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;
import org.ledgermta.domain.message.MessageId;

/**
 * Queue ids that sort by acceptance time (base-36 milliseconds) and cannot collide across nodes or
 * restarts (60 random bits), e.g. {@code MIJ3V5K2A-7Q2D9XK0W1B}.
 */
public final class QueueIds {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private final SecureRandom random = new SecureRandom();

    public MessageId next(Instant now) {
        StringBuilder id = new StringBuilder(Long.toString(now.toEpochMilli(), 36).toUpperCase(Locale.ROOT)).append('-');
        long bits = random.nextLong();
        for (int i = 0; i < 12; i++) {
            id.append(ALPHABET[(int) (bits & 31)]);
            bits >>>= 5;
        }
        return MessageId.of(id.toString());
    }
}
