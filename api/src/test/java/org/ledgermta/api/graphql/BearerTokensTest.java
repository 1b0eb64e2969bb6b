package org.ledgermta.api.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ledgermta.domain.AccountId;

class BearerTokensTest {

    private static final String OPERATOR = "operator-5d1e8a7c3b9f2e64";
    private static final String ACME = "acme-token-2b7f4c9e1a6d8053";

    private final BearerTokens tokens = new BearerTokens(new ApiTokenProperties(OPERATOR,
            Map.of("acme", ACME, "shop.example", "shop-token-77c1e2a9d4b3f508")));

    @Test
    void eachTokenNamesItsCaller() {
        assertThat(tokens.resolve("Bearer " + OPERATOR)).contains(new Caller.Operator());
        assertThat(tokens.resolve("Bearer " + ACME)).contains(new Caller.Account(new AccountId("acme")));
        assertThat(tokens.resolve("bearer  shop-token-77c1e2a9d4b3f508 "))
                .contains(new Caller.Account(new AccountId("shop.example")));
    }

    @Test
    void anythingElseNamesNoOne() {
        assertThat(tokens.resolve(null)).isEmpty();
        assertThat(tokens.resolve("")).isEmpty();
        assertThat(tokens.resolve(OPERATOR)).isEmpty();
        assertThat(tokens.resolve("Basic " + OPERATOR)).isEmpty();
        assertThat(tokens.resolve("Bearer " + OPERATOR.substring(1))).isEmpty();
        assertThat(tokens.resolve("Bearer " + ACME.toUpperCase())).isEmpty();
        assertThat(tokens.resolve("Bearer ")).isEmpty();
    }

    @Test
    void withoutAnyTokenNobodyIsLetIn() {
        BearerTokens none = new BearerTokens(new ApiTokenProperties(null, null));

        assertThat(none.anyConfigured()).isFalse();
        assertThat(none.resolve("Bearer ")).isEmpty();
        assertThat(none.resolve("Bearer x")).isEmpty();
    }

    @Test
    void aTokenSharedByTwoCallersStopsStartUp() {
        assertThatThrownBy(() -> new BearerTokens(new ApiTokenProperties(OPERATOR, Map.of("acme", OPERATOR))))
                .hasMessage("mta.api.account-tokens.acme is the same token as mta.api.operator-token: every account,"
                        + " and the operator, needs a token of its own.");
        assertThatThrownBy(() -> new BearerTokens(new ApiTokenProperties("", Map.of("acme", ACME, "globex", ACME))))
                .hasMessageContaining("mta.api.account-tokens.globex is the same token as mta.api.account-tokens.acme");
    }

    @Test
    void aShortTokenOrABadAccountNameStopsStartUp() {
        assertThatThrownBy(() -> new BearerTokens(new ApiTokenProperties("", Map.of("acme", "secret"))))
                .hasMessageStartingWith("mta.api.account-tokens.acme has 6 characters: expected a random token of"
                        + " at least 16");
        assertThatThrownBy(() -> new BearerTokens(new ApiTokenProperties("", Map.of("ac me", ACME))))
                .hasMessageStartingWith("mta.api.account-tokens.ac me: Account id 'ac me' is not valid");
    }
}
