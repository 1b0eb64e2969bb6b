package org.ledgermta.api.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledgermta.api.account.AdminApiClient.Response;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.limit.VolumeLimits;
import org.ledgermta.projections.account.AccountDirectory;
import org.ledgermta.projections.account.AccountView;
import org.springframework.context.ConfigurableApplicationContext;

class AccountAdminApiTest {

    private static final String TOKEN = "operator-7f3c9a1e5b2d4c6a";

    @TempDir
    static Path dataDir;
    private static ConfigurableApplicationContext service;
    private static AdminApiClient api;

    @BeforeAll
    static void start() {
        service = AdminApiClient.startWithHttp(dataDir, "mta.api.operator-token=" + TOKEN);
        api = AdminApiClient.of(service);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static Response operator(String method, String path, String body) throws Exception {
        return api.send(method, path, TOKEN, body);
    }

    private static AccountView inDirectory(String name) {
        return service.getBean(AccountDirectory.class).find(new AccountId(name)).orElseThrow();
    }

    @Test
    void operatorCreatesListsAndChangesAnAccount() throws Exception {
        Response created = operator("POST", "/api/v1/accounts", """
                {"name": "acme", "networks": ["203.0.113.0/24", "2001:DB8::/32"], "password": "first secret",
                 "limits": {"perMinute": 100, "perDay": 20000}}""");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.raw().headers().firstValue("Location")).contains("/api/v1/accounts/acme");
        JsonNode account = created.json();
        assertThat(account.path("name").asText()).isEqualTo("acme");
        assertThat(account.path("networks")).extracting(JsonNode::asText)
                .containsExactly("203.0.113.0/24", "2001:db8::/32");
        assertThat(account.path("passwordSet").asBoolean()).isTrue();
        assertThat(account.path("limits").path("perMinute").asLong()).isEqualTo(100);
        assertThat(account.path("limits").path("perHour").isNull()).isTrue();
        assertThat(account.path("suspended").asBoolean()).isFalse();
        assertThat(created.body()).doesNotContain("pbkdf2").doesNotContain("first secret");

        Response listed = operator("GET", "/api/v1/accounts", null);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json()).extracting(node -> node.path("name").asText()).contains("acme");
        assertThat(listed.body()).doesNotContain("pbkdf2");
        assertThat(operator("GET", "/api/v1/accounts/acme", null).json()).isEqualTo(account);

        Response networks = operator("PUT", "/api/v1/accounts/acme/networks", """
                {"networks": ["198.51.100.7"]}""");
        assertThat(networks.status()).isEqualTo(200);
        assertThat(networks.json().path("networks")).extracting(JsonNode::asText).containsExactly("198.51.100.7/32");
        assertThat(service.getBean(AccountDirectory.class).findByClientAddress("198.51.100.7"))
                .map(view -> view.id().value()).contains("acme");

        Response limits = operator("PUT", "/api/v1/accounts/acme/limits", """
                {"perMinute": null, "perHour": 500, "perDay": null}""");
        assertThat(limits.status()).isEqualTo(200);
        assertThat(inDirectory("acme").limits()).isEqualTo(new VolumeLimits(null, 500L, null));

        Response password = operator("PUT", "/api/v1/accounts/acme/password", """
                {"password": "second secret"}""");
        assertThat(password.status()).isEqualTo(200);
        assertThat(password.body()).doesNotContain("pbkdf2").doesNotContain("second secret");
        PasswordHasher hasher = service.getBean(PasswordHasher.class);
        assertThat(hasher.verify("second secret", inDirectory("acme").passwordHash())).isTrue();
        assertThat(hasher.verify("first secret", inDirectory("acme").passwordHash())).isFalse();
    }

    @Test
    void accountWithoutPasswordRelaysByNetworkOnly() throws Exception {
        Response created = operator("POST", "/api/v1/accounts", """
                {"name": "network-only", "networks": ["192.0.2.0/28"]}""");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("passwordSet").asBoolean()).isFalse();
        assertThat(created.json().path("limits").path("perDay").isNull()).isTrue();
    }

    @Test
    void suspendingAndResumingFollowTheAccountsState() throws Exception {
        operator("POST", "/api/v1/accounts", """
                {"name": "spammy", "networks": ["192.0.2.64/26"]}""");

        Response suspended = operator("POST", "/api/v1/accounts/spammy/suspend", """
                {"reason": "complaints, ticket 4711"}""");
        assertThat(suspended.status()).isEqualTo(200);
        assertThat(suspended.json().path("suspended").asBoolean()).isTrue();
        assertThat(service.getBean(AccountDirectory.class).findByClientAddress("192.0.2.65")).isEmpty();

        Response again = operator("POST", "/api/v1/accounts/spammy/suspend", """
                {"reason": "more complaints"}""");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error()).contains("Account spammy was already suspended at");

        assertThat(operator("POST", "/api/v1/accounts/spammy/suspend", null).error())
                .contains("To suspend account spammy, say why");

        Response resumed = operator("POST", "/api/v1/accounts/spammy/resume", null);
        assertThat(resumed.status()).isEqualTo(200);
        assertThat(resumed.json().path("suspended").asBoolean()).isFalse();
        assertThat(operator("POST", "/api/v1/accounts/spammy/resume", "{}").status()).isEqualTo(409);
    }

    @Test
    void creatingAnExistingAccountIsAConflict() throws Exception {
        operator("POST", "/api/v1/accounts", """
                {"name": "twice", "networks": []}""");

        Response again = operator("POST", "/api/v1/accounts", """
                {"name": "twice", "networks": ["192.0.2.1"]}""");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error()).contains("Account twice was already created at");
    }

    @Test
    void invalidInputIsABadRequestThatSaysWhatToFix() throws Exception {
        operator("POST", "/api/v1/accounts", """
                {"name": "valid", "networks": []}""");

        assertBadRequest(operator("POST", "/api/v1/accounts", """
                {"name": "bad-cidr", "networks": ["203.0.113.7/24"]}"""), "write the network 203.0.113.0/24");
        assertBadRequest(operator("POST", "/api/v1/accounts", """
                {"name": "acme corp"}"""), "Account id 'acme corp' is not valid");
        assertBadRequest(operator("POST", "/api/v1/accounts", """
                {"networks": []}"""), "Account id 'null' is not valid");
        assertBadRequest(operator("PUT", "/api/v1/accounts/valid/limits", """
                {"perMinute": 0}"""), "must be at least 1 recipient");
        assertBadRequest(operator("PUT", "/api/v1/accounts/valid/password", """
                {"password": ""}"""), "Give \"password\"");
        assertBadRequest(operator("PUT", "/api/v1/accounts/valid/networks", "{}"), "Give \"networks\"");
        assertBadRequest(operator("PUT", "/api/v1/accounts/valid/networks", "[not json"), "is not the JSON");
        assertThat(service.getBean(AccountDirectory.class).find(new AccountId("bad-cidr"))).isEmpty();
    }

    private static void assertBadRequest(Response response, String error) throws Exception {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.error()).contains(error);
    }

    @Test
    void unknownAccountIsNotFound() throws Exception {
        Response get = operator("GET", "/api/v1/accounts/nobody", null);
        assertThat(get.status()).isEqualTo(404);
        assertThat(get.error()).contains("There is no account 'nobody'");

        assertThat(operator("PUT", "/api/v1/accounts/nobody/networks", """
                {"networks": []}""").status()).isEqualTo(404);
        assertThat(operator("POST", "/api/v1/accounts/nobody/suspend", """
                {"reason": "x"}""").status()).isEqualTo(404);
    }

    @Test
    void requestsWithoutTheOperatorTokenAreUnauthorizedAndChangeNothing() throws Exception {
        Response missing = api.send("GET", "/api/v1/accounts", null, null);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.error()).contains("Authorization: Bearer <token>");
        assertThat(missing.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Bearer"));

        Response wrong = api.send("POST", "/api/v1/accounts", TOKEN + "x", """
                {"name": "intruder", "networks": ["0.0.0.0/0"]}""");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.error()).contains("not the operator token");
        assertThat(service.getBean(AccountDirectory.class).find(new AccountId("intruder"))).isEmpty();

        assertThat(api.send("GET", "/api/v1/accounts/acme", null, null).status()).isEqualTo(401);
    }
}
