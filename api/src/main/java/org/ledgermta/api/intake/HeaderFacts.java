package org.ledgermta.api.intake;

import java.io.ByteArrayInputStream;
import java.util.Optional;
import org.apache.james.mime4j.field.address.DefaultAddressParser;
import org.ledgermta.domain.DomainName;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.Header;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * The header facts the ledger records, read with mime4j. Malformed mail is still mail: whatever cannot
 * be parsed is simply absent, and the bytes are accepted as they are.
 */
public record HeaderFacts(String messageId, String from) {

    private static final MimeConfig LENIENT = MimeConfig.custom()
            .setMaxLineLen(-1)
            .setMaxHeaderLen(-1)
            .setMaxHeaderCount(-1)
            .setStrictParsing(false)
            .build();

    public static HeaderFacts of(byte[] message) {
        try {
            DefaultMessageBuilder builder = new DefaultMessageBuilder();
            builder.setMimeEntityConfig(LENIENT);
            builder.setDecodeMonitor(DecodeMonitor.SILENT);
            Header header = builder.parseHeader(new ByteArrayInputStream(message));
            return new HeaderFacts(body(header.getField("Message-ID")), body(header.getField("From")));
        } catch (Exception e) {
            // mime4j refuses some broken headers outright; the message is accepted without the facts
            return new HeaderFacts(null, null);
        }
    }

    /** The domain of the From address (RFC 5322 §3.6.2), when there is exactly one parsable mailbox. */
    public Optional<DomainName> fromDomain() {
        if (from == null) {
            return Optional.empty();
        }
        try {
            String plain = PlainMailbox.domainOrNull(from);
            String domain = plain != null ? plain : DefaultAddressParser.DEFAULT.parseMailbox(from).getDomain();
            return Optional.of(new DomainName(domain));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static String body(Field field) {
        if (field == null || field.getBody() == null) {
            return null;
        }
        String value = field.getBody().replaceAll("\\s+", " ").strip();
        return value.isEmpty() ? null : value;
    }
}
