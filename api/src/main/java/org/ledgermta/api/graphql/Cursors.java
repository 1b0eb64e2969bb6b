package org.ledgermta.api.graphql;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.ledgermta.domain.message.MessageId;

/**
 * Page cursors: the base64url of the queue id of a page's last message. Queue ids sort by acceptance time,
 * so "after this cursor" is "accepted after this message", and a cursor stays valid while messages arrive.
 */
final class Cursors {

    private Cursors() {
    }

    static String of(String queueId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(queueId.getBytes(StandardCharsets.UTF_8));
    }

    static String queueId(String cursor) {
        try {
            return MessageId.of(new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8))
                    .value();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + cursor + "' is not a cursor of this API: pass"
                    + " pageInfo.endCursor (or an edge's cursor) of the page before.", e);
        }
    }
}
