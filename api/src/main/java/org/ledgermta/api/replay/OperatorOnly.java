package org.ledgermta.api.replay;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.ledgermta.api.account.OperatorTokenInterceptor;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The operator token check of the admin API ({@link OperatorTokenInterceptor}), answering its refusals
 * itself as the admin API does ({"error": "…"}, 403 while no token is configured, else 401): the admin
 * API's error advice covers only its own controllers.
 */
public final class OperatorOnly implements HandlerInterceptor {

    private final OperatorTokenInterceptor token;
    private final boolean configured;

    /** Guards {@code paths} (Spring path patterns) with the operator token. */
    public static WebMvcConfigurer guarding(String operatorToken, String... paths) {
        OperatorOnly guard = new OperatorOnly(operatorToken);
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(guard).addPathPatterns(paths);
            }
        };
    }

    OperatorOnly(String operatorToken) {
        this.token = new OperatorTokenInterceptor(operatorToken);
        this.configured = operatorToken != null && !operatorToken.isBlank();
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        try {
            return token.preHandle(request, response, handler);
        } catch (RuntimeException refused) {
            response.setStatus(configured ? HttpServletResponse.SC_UNAUTHORIZED : HttpServletResponse.SC_FORBIDDEN);
            if (configured) {
                response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"ledgermta admin\"");
            }
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getOutputStream().write(("{\"error\": " + jsonString(refused.getMessage()) + "}")
                    .getBytes(StandardCharsets.UTF_8));
            return false;
        }
    }

    private static String jsonString(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : (text == null ? "" : text).toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
