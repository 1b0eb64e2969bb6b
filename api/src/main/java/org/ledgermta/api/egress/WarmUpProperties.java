package org.ledgermta.api.egress;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Warm-up plans and the providers file.
 *
 * @param defaultPlan the plan an IP gets when it is first added: "standard" (the shipped curve), "none" (a
 *                    seasoned IP, no caps), the name of one of {@code plans}, or a plan's text
 * @param plans       named plans, each a plan's text (see WarmUpPlan)
 * @param ips         per-IP plans, comma-separated {@code ip=plan} or {@code ip=plan@yyyy-mm-dd} (the day its
 *                    warm-up started; default: the day it was added), where plan is "standard", "none" or a
 *                    name of {@code plans}; applied again at every start-up, so changing it changes the plan
 * @param providersFile a providers file to use instead of the shipped one (same format); empty: the shipped one
 * @param counterKeyPrefix the prefix of the Redis keys counting what each IP sent to each provider; the ledger's
 *                    own id follows it, so nodes sharing a ledger share the counts and separate ledgers on one
 *                    Redis never mix them
 */
@ConfigurationProperties(prefix = "mta.warm-up", ignoreUnknownFields = false)
public record WarmUpProperties(
        @DefaultValue("standard") String defaultPlan,
        @DefaultValue Map<String, String> plans,
        @DefaultValue("") String ips,
        @DefaultValue("") String providersFile,
        @DefaultValue("ledgermta:egress:") String counterKeyPrefix) {
}
