package org.ledgermta.api.graphql;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards the GraphQL endpoint: a request without {@code Authorization: Bearer <known token>} is answered
 * {@code 401} with {@code WWW-Authenticate: Bearer} (RFC 6750 §3) and a one-line JSON error, before GraphQL
 * parses anything, so an unauthenticated caller learns nothing of the schema, not even by introspection.
 * The caller of a known token goes on as a request attribute for {@link CallerInterceptor}.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

    private static final String REALM = "Bearer realm=\"ledgermta\"";

    private final BearerTokens tokens;

    BearerTokenFilter(BearerTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        Optional<Caller> caller = tokens.resolve(authorization);
        if (caller.isPresent()) {
            request.setAttribute(Caller.ATTRIBUTE, caller.get());
            chain.doFilter(request, response);
            return;
        }
        // RFC 6750 §3.1: no error code when the request carried no token at all, invalid_token when it did
        boolean sentOne = authorization != null && !authorization.isBlank();
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, sentOne ? REALM + ", error=\"invalid_token\"" : REALM);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(sentOne
                ? "{\"error\":\"The bearer token is not a token of this service.\"}"
                : "{\"error\":\"Send 'Authorization: Bearer <token>' (the operator's or an account's token).\"}");
    }
}
