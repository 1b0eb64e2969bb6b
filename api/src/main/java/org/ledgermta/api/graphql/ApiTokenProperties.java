package org.ledgermta.api.graphql;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The bearer tokens of the API: the operator's ({@code mta.api.operator-token}, also read with @Value by the
 * admin API's interceptors) and one per account ({@code mta.api.account-tokens.<account>=<token>}; an account
 * name with dots goes in brackets: {@code mta.api.account-tokens[shop.example]}). Other keys under
 * {@code mta.api} are left to whoever owns them, so unknown keys are not refused here.
 */
@ConfigurationProperties(prefix = "mta.api")
public record ApiTokenProperties(@DefaultValue("") String operatorToken, Map<String, String> accountTokens) {

    public ApiTokenProperties {
        operatorToken = operatorToken == null ? "" : operatorToken.strip();
        accountTokens = accountTokens == null ? Map.of() : Map.copyOf(accountTokens);
    }
}
