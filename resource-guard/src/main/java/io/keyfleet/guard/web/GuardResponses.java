package io.keyfleet.guard.web;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.util.StringUtils;

/**
 * Writes the guard's denials: {@code WWW-Authenticate} challenges (RFC 6750 Section 3 for
 * {@code Bearer}, RFC 9449 Section 7.1 for {@code DPoP}) and RFC 9457 problem details
 * ({@code application/problem+json}). The scheme of an error challenge is the one the
 * request used.
 *
 * @see <a href="https://datatracker.ietf.org/doc/html/rfc6750#section-3">RFC 6750 Section
 * 3 The WWW-Authenticate Response Header Field</a>
 * @see <a href="https://datatracker.ietf.org/doc/html/rfc9457#section-3">RFC 9457 Section
 * 3 The Problem Details JSON Object</a>
 */
final class GuardResponses {

	static final String BEARER = "Bearer";

	static final String DPOP = "DPoP";

	/** The proof algorithms Spring Security's DPoP verifier accepts (RFC 9449 Section 7.1 {@code algs}). */
	static final String DPOP_ALGS = "ES256 ES384 ES512 RS256 RS384 RS512 PS256 PS384 PS512";

	/** Where Spring Security serves RFC 9728 protected resource metadata. */
	static final String PROTECTED_RESOURCE_METADATA = "/.well-known/oauth-protected-resource";

	private GuardResponses() {
	}

	/** The scheme the request authenticated with: {@code DPoP} or {@code Bearer}. */
	static String scheme(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		return (authorization != null && StringUtils.startsWithIgnoreCase(authorization, DPOP + " ")) ? DPOP : BEARER;
	}

	/** No token at all: both schemes offered, no error code (RFC 6750 Section 3.1). */
	static void challengeBoth(HttpServletResponse response, String resourceMetadataUrl) {
		response.addHeader(HttpHeaders.WWW_AUTHENTICATE,
				challenge(BEARER, Map.of("resource_metadata", resourceMetadataUrl)));
		response.addHeader(HttpHeaders.WWW_AUTHENTICATE, challenge(DPOP, Map.of("algs", DPOP_ALGS)));
		response.setStatus(HttpStatus.UNAUTHORIZED.value());
	}

	/** An error challenge in the request's scheme. */
	static void challenge(HttpServletRequest request, HttpServletResponse response, String scheme, String error,
			@Nullable String description, @Nullable String scope) {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("error", error);
		if (StringUtils.hasText(description)) {
			parameters.put("error_description", description);
		}
		if (StringUtils.hasText(scope)) {
			parameters.put("scope", scope);
		}
		if (DPOP.equals(scheme)) {
			parameters.put("algs", DPOP_ALGS);
		}
		response.addHeader(HttpHeaders.WWW_AUTHENTICATE, challenge(scheme, parameters));
	}

	/** An RFC 9457 problem body, with {@code status} set on the response. */
	static void problem(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String type,
			String title, @Nullable String detail) throws IOException {
		StringBuilder json = new StringBuilder(256).append('{');
		field(json, "type", type).append(',');
		field(json, "title", title).append(',');
		json.append("\"status\":").append(status.value()).append(',');
		if (StringUtils.hasText(detail)) {
			field(json, "detail", detail).append(',');
		}
		field(json, "instance", request.getRequestURI()).append('}');
		byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
		response.setStatus(status.value());
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setContentType("application/problem+json");
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	private static String challenge(String scheme, Map<String, String> parameters) {
		StringBuilder challenge = new StringBuilder(scheme);
		String separator = " ";
		for (Map.Entry<String, String> parameter : parameters.entrySet()) {
			challenge.append(separator).append(parameter.getKey()).append("=\"").append(quotable(parameter.getValue()))
				.append('"');
			separator = ", ";
		}
		return challenge.toString();
	}

	/** RFC 6750 Section 3: attribute values use %x20-21 / %x23-5B / %x5D-7E only. */
	private static String quotable(String value) {
		StringBuilder out = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c >= 0x20 && c <= 0x7E && c != '"' && c != '\\') {
				out.append(c);
			}
		}
		return out.toString();
	}

	/**
	 * Where this resource's RFC 9728 metadata is, derived from the configured resource
	 * identifier (the audience), never from the request: a {@code Host} header is the
	 * client's to choose, and a challenge must not send a client to a host an attacker
	 * named. The well-known segment goes between host and path (RFC 9728 Section 3.1).
	 * @see <a href="https://www.rfc-editor.org/rfc/rfc9728#section-3.1">RFC 9728 Section 3.1</a>
	 */
	static String resourceMetadataUrl(String resource) {
		URI uri = URI.create(resource);
		String path = (uri.getRawPath() == null || "/".equals(uri.getRawPath())) ? "" : uri.getRawPath();
		return uri.getScheme() + "://" + uri.getRawAuthority() + PROTECTED_RESOURCE_METADATA + path;
	}

	private static StringBuilder field(StringBuilder json, String name, String value) {
		json.append('"').append(name).append("\":\"");
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				default -> {
					if (c < 0x20) {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		return json.append('"');
	}

}
