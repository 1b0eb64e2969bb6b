package org.ledgermta.api.replay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class OperatorOnlyTest {

    @Test
    void withoutAConfiguredTokenTheReplayIsClosed() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        boolean passed = new OperatorOnly("").preHandle(request("Bearer anything"), response, new Object());

        assertThat(passed).isFalse();
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentType()).isEqualTo("application/json");
        assertThat(response.getContentAsString()).startsWith("{\"error\": \"The admin API is closed until mta.api.operator-token");
    }

    @Test
    void aMissingOrWrongTokenIsUnauthorizedAndTheRightOnePasses() throws Exception {
        OperatorOnly operatorOnly = new OperatorOnly("s3cret-token");
        MockHttpServletResponse missing = new MockHttpServletResponse();
        MockHttpServletResponse wrong = new MockHttpServletResponse();

        assertThat(operatorOnly.preHandle(request(null), missing, new Object())).isFalse();
        assertThat(operatorOnly.preHandle(request("Bearer guess"), wrong, new Object())).isFalse();
        assertThat(operatorOnly.preHandle(request("Bearer s3cret-token"), new MockHttpServletResponse(), new Object()))
                .isTrue();

        assertThat(missing.getStatus()).isEqualTo(401);
        assertThat(missing.getHeader("WWW-Authenticate")).isEqualTo("Bearer realm=\"ledgermta admin\"");
        assertThat(missing.getContentAsString()).contains("'Authorization: Bearer <token>'");
        assertThat(wrong.getStatus()).isEqualTo(401);
        assertThat(wrong.getContentAsString()).contains("not the operator token");
    }

    private static MockHttpServletRequest request(String authorization) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", ReplayController.PATH);
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        return request;
    }
}
