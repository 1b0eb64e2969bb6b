package org.ledgermta.api.graphql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ledgermta.domain.AccountId;

/**
 * Resolves a bearer token to its caller. Tokens are kept and compared only as SHA-256 digests with
 * {@link MessageDigest#isEqual}, against every configured token without stopping at a match, so the time a
 * comparison takes says nothing about how close a guess was or which account it came near.
 */
final class BearerTokens {

    /** Account tokens shorter than this are refused at start-up: they would be guessable. */
    static final int MINIMUM_ACCOUNT_TOKEN_LENGTH = 16;

    private record Known(byte[] digest, Caller caller) {
    }

    private final List<Known> known;

    BearerTokens(ApiTokenProperties properties) {
        List<Known> tokens = new ArrayList<>();
        Map<String, String> ownerOfToken = new HashMap<>();
        if (!properties.operatorToken().isBlank()) {
            tokens.add(new Known(sha256(properties.operatorToken()), new Caller.Operator()));
            ownerOfToken.put(properties.operatorToken(), "mta.api.operator-token");
        }
        properties.accountTokens().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            String key = "mta.api.account-tokens." + entry.getKey();
            AccountId account;
            try {
                account = new AccountId(entry.getKey());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(key + ": " + e.getMessage(), e);
            }
            String token = entry.getValue() == null ? "" : entry.getValue().strip();
            if (token.length() < MINIMUM_ACCOUNT_TOKEN_LENGTH) {
                throw new IllegalStateException(key + " has " + token.length() + " characters: expected a random token"
                        + " of at least " + MINIMUM_ACCOUNT_TOKEN_LENGTH + " (openssl rand -hex 24).");
            }
            String other = ownerOfToken.putIfAbsent(token, key);
            if (other != null) {
                throw new IllegalStateException(key + " is the same token as " + other
                        + ": every account, and the operator, needs a token of its own.");
            }
            tokens.add(new Known(sha256(token), new Caller.Account(account)));
        });
        this.known = List.copyOf(tokens);
    }

    /** The caller of an {@code Authorization} header value, if it is {@code Bearer <a known token>}. */
    Optional<Caller> resolve(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        byte[] presented = sha256(authorization.substring(7).strip());
        Caller match = null;
        for (Known token : known) {
            if (MessageDigest.isEqual(token.digest(), presented)) {
                match = token.caller();
            }
        }
        return Optional.ofNullable(match);
    }

    boolean anyConfigured() {
        return !known.isEmpty();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
