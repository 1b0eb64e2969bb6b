package org.ledgermta.domain.classification;

import java.util.regex.Pattern;

/**
 * Spots a failure that no rule knows but that is about the sending IP: receivers word block-list rejections in
 * endless ways, and bouncing one of those would drop a deliverable message for a fault of the IP. A reply about a
 * domain's reputation or a domain list (DBL, URIBL, SURBL) is not about the IP: every IP would get it, and taking
 * each out of the pool in turn would empty the pool.
 */
final class BlockListMention {

    private static final int FLAGS = Pattern.CASE_INSENSITIVE;
    private static final Pattern LIST = Pattern.compile("\\b(?:block|black|deny|ban)[ -]?list(?:s|ed|ing)?\\b"
            + "|\\b(?:DNSBL|RBL)s?\\b|\\bblocked using\\b|\\blisted (?:at|in|on|by) [a-z0-9-]+(?:\\.[a-z0-9-]+)+", FLAGS);
    private static final String IP =
            "(?:\\b(?:[0-9]{1,3}\\.){3}[0-9]{1,3}\\b|\\[(?:IPv6:)?[0-9a-f]*:[0-9a-f:.]*:[0-9a-f:.]*\\])";
    // In the same phrase: Gmail starts many replies with "[192.0.2.1 12]" and may say "blocked" about the
    // content 150 characters later.
    private static final Pattern BLOCKED_IP = Pattern.compile(
            "\\bblocked\\b.{0,60}?" + IP + "|" + IP + ".{0,60}?\\bblocked\\b", FLAGS | Pattern.DOTALL);
    private static final Pattern REPUTATION = Pattern.compile("\\breputation\\b", FLAGS);
    private static final Pattern ABOUT_A_DOMAIN = Pattern.compile("\\b(?:domain|URL)(?:'s)? reputation\\b"
            + "|\\breputation of (?:the |your )?(?:sending |sender(?:'s)? )?(?:domain|URL)"
            + "|\\b(?:dbl\\.spamhaus\\.org|uribl|surbl)\\b"
            + "|\\b(?:sender address|helo command|recipient address) \\[[^\\]]*\\] blocked using", FLAGS);

    private BlockListMention() {
    }

    static boolean in(String text) {
        if (ABOUT_A_DOMAIN.matcher(text).find()) {
            return false;
        }
        return LIST.matcher(text).find()
                || BLOCKED_IP.matcher(text).find()
                || REPUTATION.matcher(text).find();
    }
}
