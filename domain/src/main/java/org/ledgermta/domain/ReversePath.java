package org.ledgermta.domain;

import java.util.Optional;

/**
 * The SMTP envelope sender (MAIL FROM). The empty value is the null reverse-path {@code <>} of RFC 5321
 * §4.5.5, used by delivery status notifications so that a failure to deliver one never produces another.
 */
public record ReversePath(String value) {

    public ReversePath {
        if (value == null) {
            throw new IllegalArgumentException(
                    "A reverse path is required: an email address, or the empty string for the null sender <>.");
        }
        if (!value.isEmpty()) {
            value = new EmailAddress(value).value();
        }
    }

    public static ReversePath nullSender() {
        return new ReversePath("");
    }

    // Not named isNullSender(): Jackson would serialise an is-prefixed method as an extra property.
    public boolean nullPath() {
        return value.isEmpty();
    }

    public Optional<EmailAddress> address() {
        return value.isEmpty() ? Optional.empty() : Optional.of(new EmailAddress(value));
    }

    @Override
    public String toString() {
        return value.isEmpty() ? "<>" : value;
    }
}
