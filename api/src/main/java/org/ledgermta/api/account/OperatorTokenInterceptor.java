package org.ledgermta.api.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * The admin API answers only the operator: {@code Authorization: Bearer <mta.api.operator-token>}
 * (RFC 6750 §2.1). Without a configured token the API stays closed rather than open to anyone.
 */
public final class OperatorTokenInterceptor implements HandlerInterceptor {

    private final byte[] tokenDigest;

    public OperatorTokenInterceptor(String operatorToken) {
        this.tokenDigest = operatorToken == null || operatorToken.isBlank() ? null : sha256(operatorToken.strip());
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (tokenDigest == null) {
            throw new AdminApiException(HttpStatus.FORBIDDEN, "The admin API is closed until mta.api.operator-token"
                    + " is set: configure a long random token there, restart, and send it as 'Authorization: "
                    + "Bearer <token>'.");
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new AdminApiException(HttpStatus.UNAUTHORIZED,
                    "Send the operator token (mta.api.operator-token) as 'Authorization: Bearer <token>'.");
        }
        // Comparing digests takes the same time whatever the length or the first differing character.
        if (!MessageDigest.isEqual(tokenDigest, sha256(authorization.substring(7).strip()))) {
            throw new AdminApiException(HttpStatus.UNAUTHORIZED,
                    "The bearer token is not the operator token: check mta.api.operator-token.");
        }
        return true;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
