package org.ledgermta.api.intake;

import java.time.Instant;
import java.util.Optional;
import org.ledgermta.api.sender.SenderDomains;
import org.ledgermta.delivery.dkim.DkimSigner;
import org.ledgermta.delivery.dkim.SealedKeyException;
import org.ledgermta.delivery.dkim.UnsignableMessageException;
import org.ledgermta.domain.DomainName;
import org.ledgermta.domain.message.SmtpReply;
import org.ledgermta.domain.sender.SenderPolicy;
import org.ledgermta.projections.account.AccountView;

/**
 * DKIM at intake: a message whose From domain is registered to the submitting account is signed with the
 * domain's active key (d= that domain). Otherwise it goes unsigned and flagged, or — for an account whose
 * sender policy is REFUSE — it is refused, as it is when the domain's SPF (as last checked) does not
 * authorise our pool.
 */
public final class MessageSigning {

    /** What became of one message. */
    public sealed interface Result {
        record Signed(byte[] message) implements Result {
        }

        record Unsigned(String reason) implements Result {
        }

        record Refused(SmtpReply reply) implements Result {
        }
    }

    private final SenderDomains senders;
    private final DkimSigner signer = new DkimSigner();

    public MessageSigning(SenderDomains senders) {
        this.senders = senders;
    }

    Result sign(AccountView account, Optional<DomainName> fromDomain, byte[] message, Instant now) {
        boolean refuse = account.senderPolicy() == SenderPolicy.REFUSE;
        if (fromDomain.isEmpty()) {
            return refuse ? refused("The message has no From address with a domain; DKIM cannot be applied")
                    : new Result.Unsigned("no From domain");
        }
        DomainName domain = fromDomain.get();
        Optional<SenderDomains.SigningKey> key;
        try {
            key = senders.signingKey(domain, account.id());
        } catch (SealedKeyException e) {
            // a configuration fault (the master key changed?): never send unsigned what should be signed
            return new Result.Refused(new SmtpReply(451, "4.3.0", "The DKIM key of " + domain.value()
                    + " cannot be opened right now; try again later"));
        }
        if (key.isEmpty()) {
            String reason = "From domain " + domain.value() + " is not registered for DKIM signing by account "
                    + account.id().value();
            return refuse ? refused(reason + "; register it (POST /api/v1/sender-domains) and publish its records")
                    : new Result.Unsigned(reason);
        }
        if (refuse && !senders.spfAuthorisesPool(domain)) {
            return refused("The SPF record of " + domain.value() + " does not authorise our servers; publish the"
                    + " SPF record shown by GET /api/v1/sender-domains/" + domain.value() + "/records");
        }
        SenderDomains.SigningKey signing = key.get();
        try {
            return new Result.Signed(signer.sign(message, signing.domain(), signing.selector(), signing.key(),
                    signing.algorithm(), now));
        } catch (UnsignableMessageException e) {
            return refuse ? new Result.Refused(new SmtpReply(550, "5.6.0", "The message cannot be DKIM-signed: "
                    + e.getMessage()))
                    : new Result.Unsigned("unsignable: " + e.getMessage());
        }
    }

    private static Result refused(String text) {
        return new Result.Refused(new SmtpReply(550, "5.7.1", text));
    }
}
