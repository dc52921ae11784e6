package io.keyfleet.auth.web;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.jwt.JwtEncodingException;

import io.keyfleet.auth.audit.AuditLog;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the outermost filter answers for failures below it that are outages, not bugs:
 * a token that cannot be signed (the signing key's PKCS#11 token does not answer) is a
 * {@code 503 temporarily_unavailable} with {@code Retry-After}, like an unreachable state
 * store; anything else stays a bare {@code 500}.
 */
class StateStoreFailureFilterTests {

	private final StateStoreFailureFilter filter = new StateStoreFailureFilter(
			new OAuth2ErrorResponder(new SimpleMeterRegistry(), new AuditLog(), () -> null));

	@Test
	void tokenWhenSigningFailsThenTemporarilyUnavailable() throws Exception {
		MockHttpServletResponse response = run(new JwtEncodingException("token signing failed: CKR_DEVICE_ERROR"));

		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getHeader("Retry-After")).isEqualTo("1");
		assertThat(response.getContentAsString()).contains("\"temporarily_unavailable\"").doesNotContain("CKR_");
	}

	@Test
	void tokenWhenSomethingElseFailsThenServerError() throws Exception {
		MockHttpServletResponse response = run(new IllegalStateException("a bug"));

		assertThat(response.getStatus()).isEqualTo(500);
		assertThat(response.getContentAsString()).contains("\"server_error\"").doesNotContain("a bug");
	}

	private MockHttpServletResponse run(RuntimeException failure) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/oauth2/token");
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, (req, res) -> {
			throw failure;
		});
		return response;
	}

}
