package org.ledgermta.domain.warmup;

/** How many messages an egress IP may send to one provider in a day. */
public sealed interface DailyCap {

    /** Whether another message may go, when sentToday have gone already. */
    boolean allows(long sentToday);

    /** In words, for logs and the operator's views: "400 a day", "unlimited". */
    String describe();

    record Limited(long messages) implements DailyCap {

        public Limited {
            if (messages < 0) {
                throw new IllegalArgumentException("A daily cap of " + messages + " messages is not valid: it must be 0"
                        + " or more.");
            }
        }

        @Override
        public boolean allows(long sentToday) {
            return sentToday < messages;
        }

        @Override
        public String describe() {
            return messages + " a day";
        }
    }

    record Unlimited() implements DailyCap {

        @Override
        public boolean allows(long sentToday) {
            return true;
        }

        @Override
        public String describe() {
            return "unlimited";
        }
    }
}
