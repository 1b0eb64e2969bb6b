package org.ledgermta.api.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledgermta.api.account.AdminApiClient.Response;
import org.springframework.context.ConfigurableApplicationContext;

class AdminApiClosedWithoutTokenTest {

    @TempDir
    Path dataDir;

    @Test
    void adminApiIsClosedUntilAnOperatorTokenIsConfigured() throws Exception {
        try (ConfigurableApplicationContext service = AdminApiClient.startWithHttp(dataDir)) {
            AdminApiClient api = AdminApiClient.of(service);

            for (Response response : new Response[] {
                    api.send("GET", "/api/v1/accounts", null, null),
                    api.send("GET", "/api/v1/accounts", "anything", null),
                    api.send("POST", "/api/v1/accounts", "anything", "{\"name\": \"acme\"}")}) {
                assertThat(response.status()).isEqualTo(403);
                assertThat(response.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/json"));
                assertThat(response.error()).contains("closed until mta.api.operator-token is set");
            }
        }
    }
}
