package io.keyfleet.auth.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;

import io.keyfleet.auth.audit.AuditLog;
import io.keyfleet.auth.clientauth.AttemptedAuthMethod;
import io.keyfleet.auth.clientauth.ClaimedClientId;

/**
 * Writes every error of the OAuth endpoints the same way: an RFC 6749 §5.2 JSON body
 * ({@code error}, {@code error_description}, {@code error_uri}), the status of
 * {@link KeyfleetErrorCodes#statusOf}, {@code Cache-Control: no-store}, {@code Retry-After}
 * when given, and a {@code WWW-Authenticate} challenge when a client that tried HTTP Basic
 * failed to authenticate (RFC 6749 §5.2). Counts the refusal and writes an audit line.
 * Never a stack trace.
 */
public final class OAuth2ErrorResponder {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final MeterRegistry meters;

	private final AuditLog audit;

	private final Map<String, Counter> refused = new ConcurrentHashMap<>();

	private final Supplier<String> dPoPNonces;

	/**
	 * @param dPoPNonces issues the nonce sent with {@code use_dpop_nonce} (RFC 9449 §8)
	 */
	public OAuth2ErrorResponder(MeterRegistry meters, AuditLog audit, Supplier<String> dPoPNonces) {
		this.meters = meters;
		this.audit = audit;
		this.dPoPNonces = dPoPNonces;
	}

	public void write(HttpServletRequest request, HttpServletResponse response, OAuth2Error error, long retryAfterSeconds)
			throws IOException {
		HttpStatus status = KeyfleetErrorCodes.statusOf(error.getErrorCode());
		response.resetBuffer();
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setHeader(HttpHeaders.PRAGMA, "no-cache");
		if (retryAfterSeconds > 0) {
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
		}
		if (KeyfleetErrorCodes.USE_DPOP_NONCE.equals(error.getErrorCode())) {
			response.setHeader("DPoP-Nonce", this.dPoPNonces.get());
		}
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (OAuth2ErrorCodes.INVALID_CLIENT.equals(error.getErrorCode()) && authorization != null
				&& authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"keyfleet\"");
		}
		Map<String, String> body = new LinkedHashMap<>();
		body.put("error", error.getErrorCode());
		if (error.getDescription() != null) {
			body.put("error_description", error.getDescription());
		}
		if (error.getUri() != null) {
			body.put("error_uri", error.getUri());
		}
		response.getOutputStream().write(JSON.writeValueAsBytes(body));
		response.flushBuffer();
		String endpoint = endpoint(request);
		this.refused.computeIfAbsent(endpoint + ' ' + error.getErrorCode(), key -> Counter.builder("keyfleet.tokens.refused")
			.description("Refused requests at the OAuth endpoints, by error code")
			.tag("endpoint", endpoint)
			.tag("error", error.getErrorCode())
			.register(this.meters)).increment();
		this.audit.refused(endpoint, ClaimedClientId.of(request), error.getErrorCode(), request.getRemoteAddr(),
				"token".equals(endpoint) ? AttemptedAuthMethod.of(request) : null);
	}

	/** A bounded tag value: request paths must not create new time series. */
	private static String endpoint(HttpServletRequest request) {
		return switch (request.getRequestURI()) {
			case "/oauth2/token" -> "token";
			case "/oauth2/introspect" -> "introspect";
			case "/oauth2/revoke" -> "revoke";
			case "/oauth2/challenge" -> "challenge";
			default -> "other";
		};
	}

}
