package org.ledgermta.delivery.smtp;

import java.util.HashMap;
import java.util.Map;

/**
 * How a {@link ScriptedMx} behaves: what it advertises and how it answers. Set before the server starts;
 * each setter returns the script for chaining.
 */
final class MxScript {

    String greeting = "220 mx.test ESMTP ScriptedMx";
    /** Never greet, never answer: a server that hangs. */
    boolean silent;
    /** Answer EHLO with 502, as a HELO-only server does. */
    boolean ehloRefused;
    boolean pipelining = true;
    boolean startTls;
    /** Answer STARTTLS with 220, then send something that is not TLS and hang up. */
    boolean brokenTls;
    boolean smtpUtf8;
    boolean eightBitMime = true;
    /** Advertise SIZE with this limit; null: no SIZE keyword. */
    Long sizeLimit;
    /** The reply to MAIL FROM; null: 250. */
    String mailReply;
    /** The reply to RCPT TO per address; others get 250. */
    final Map<String, String> rcptReplies = new HashMap<>();
    /** The reply to DATA; null: 354 and read the message. */
    String dataReply;
    String finalReply = "250 2.0.0 Ok: queued as 4AB12C";
    String rsetReply = "250 2.0.0 Ok";
    /** Hang up without a word after this many messages on one connection (0: never). */
    int dropAfterMessages;
    /** Read the message to the final dot, then hang up without the final reply. */
    boolean dropBeforeFinalReply;
    /** Read the message to the final dot, then say nothing more. */
    boolean withholdFinalReply;

    MxScript greeting(String reply) {
        greeting = reply;
        return this;
    }

    MxScript silent() {
        silent = true;
        return this;
    }

    MxScript ehloRefused() {
        ehloRefused = true;
        return this;
    }

    MxScript pipelining(boolean offered) {
        pipelining = offered;
        return this;
    }

    MxScript startTls() {
        startTls = true;
        return this;
    }

    MxScript brokenTls() {
        startTls = true;
        brokenTls = true;
        return this;
    }

    MxScript smtpUtf8() {
        smtpUtf8 = true;
        return this;
    }

    MxScript sizeLimit(long limit) {
        sizeLimit = limit;
        return this;
    }

    MxScript mailReply(String reply) {
        mailReply = reply;
        return this;
    }

    MxScript rcptReply(String address, String reply) {
        rcptReplies.put(address, reply);
        return this;
    }

    MxScript dataReply(String reply) {
        dataReply = reply;
        return this;
    }

    MxScript finalReply(String reply) {
        finalReply = reply;
        return this;
    }

    MxScript rsetReply(String reply) {
        rsetReply = reply;
        return this;
    }

    MxScript dropAfterMessages(int messages) {
        dropAfterMessages = messages;
        return this;
    }

    MxScript withholdFinalReply() {
        withholdFinalReply = true;
        return this;
    }

    MxScript dropBeforeFinalReply() {
        dropBeforeFinalReply = true;
        return this;
    }
}
