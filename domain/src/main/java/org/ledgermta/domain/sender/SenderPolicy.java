package org.ledgermta.domain.sender;

/**
 * What the intake does, per account, with mail whose From domain is not one of the account's registered
 * sender domains, or whose domain's SPF record does not authorise the relay's egress IPs: such mail cannot
 * pass DMARC, and sent anyway it spends the pool's reputation.
 */
public enum SenderPolicy {
    /** Accept it, deliver it unsigned, and record why (MessageSignatureSkippedEvent): the default. */
    ACCEPT_AND_FLAG,
    /** Turn it away at intake with a permanent 5.7.1 refusal, recorded as a MessageRejectedEvent. */
    REFUSE
}
