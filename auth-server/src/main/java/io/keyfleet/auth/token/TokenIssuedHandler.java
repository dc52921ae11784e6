package io.keyfleet.auth.token;

import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

import io.keyfleet.auth.events.EventStream;

/**
 * Writes the access token response (RFC 6749 §5.1), counts the issued token by client
 * authentication method ({@code keyfleet.tokens.issued{auth_method}}) and appends its
 * {@code token.issued} event (without waiting for Redis: {@link TokenIssuedEvent}).
 *
 * <p>
 * Written here rather than by Spring's handler, whose converter recomputes
 * {@code expires_in} from the wall clock at write time and so answers 299 for a 300 s
 * token whenever a millisecond boundary passes in between.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-5.1">RFC 6749 §5.1</a>
 */
public final class TokenIssuedHandler implements AuthenticationSuccessHandler {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final MeterRegistry meters;

	/** Registered once per method: building a meter id sorts its tags on every call. */
	private final Map<String, Counter> issued = new ConcurrentHashMap<>();

	private final TokenIssuedEvent events;

	public TokenIssuedHandler(MeterRegistry meters, EventStream events) {
		this.meters = meters;
		this.events = new TokenIssuedEvent(events);
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		OAuth2AccessTokenAuthenticationToken issued = (OAuth2AccessTokenAuthenticationToken) authentication;
		OAuth2AccessToken token = issued.getAccessToken();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", token.getTokenValue());
		body.put("token_type", token.getTokenType().getValue());
		if (token.getIssuedAt() != null && token.getExpiresAt() != null) {
			body.put("expires_in", ChronoUnit.SECONDS.between(token.getIssuedAt(), token.getExpiresAt()));
		}
		if (!token.getScopes().isEmpty()) {
			body.put("scope", String.join(" ", token.getScopes()));
		}
		body.putAll(issued.getAdditionalParameters());
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setHeader(HttpHeaders.PRAGMA, "no-cache");
		response.getOutputStream().write(JSON.writeValueAsBytes(body));
		String method = TokenIssuedEvent.authMethod(issued);
		this.issued.computeIfAbsent(method, m -> Counter.builder("keyfleet.tokens.issued")
			.description("Access tokens issued, by client authentication method")
			.tag("auth_method", m)
			.register(this.meters)).increment();
		this.events.append(request, issued, method);
	}

}
