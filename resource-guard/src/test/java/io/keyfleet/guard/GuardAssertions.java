package io.keyfleet.guard;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Assertions on the guard's answers (CONTRACT.md "Resource servers"): status,
 * {@code WWW-Authenticate} scheme and error code, RFC 9457 problem type.
 */
public final class GuardAssertions {

	private GuardAssertions() {
	}

	public static String newId(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
	}

	public static void assertOk(HttpResponse<String> response) {
		assertThat(response.statusCode()).as("status of %s", response.body()).isBetween(200, 299);
	}

	/** {@code 401} with {@code error="<error>"} in the given scheme's challenge. */
	public static void assertUnauthorized(HttpResponse<String> response, String scheme, String error) {
		assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(401);
		assertThat(challenges(response)).as("WWW-Authenticate")
			.anySatisfy((challenge) -> assertThat(challenge).startsWith(scheme + " ")
				.contains("error=\"" + error + "\""));
	}

	public static void assertInvalidToken(HttpResponse<String> response) {
		assertUnauthorized(response, "Bearer", "invalid_token");
	}

	/** {@code 403 insufficient_scope} with the problem type {@code https://keyfleet.io/problems/<slug>}. */
	public static void assertForbidden(HttpResponse<String> response, String scheme, String slug) {
		assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(403);
		assertThat(challenges(response)).anySatisfy((challenge) -> assertThat(challenge).startsWith(scheme + " ")
			.contains("error=\"insufficient_scope\""));
		assertProblem(response, slug);
	}

	public static void assertForbidden(HttpResponse<String> response, String slug) {
		assertForbidden(response, "Bearer", slug);
	}

	public static void assertProblem(HttpResponse<String> response, String slug) {
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"type\":\"https://keyfleet.io/problems/" + slug + "\"")
			.contains("\"status\":" + response.statusCode());
	}

	public static List<String> challenges(HttpResponse<String> response) {
		return response.headers().allValues("WWW-Authenticate");
	}

}
