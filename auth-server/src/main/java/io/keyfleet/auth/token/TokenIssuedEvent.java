package io.keyfleet.auth.token;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;

import io.keyfleet.auth.client.ClientResolver;
import io.keyfleet.auth.events.EventStream;

/**
 * Appends the {@code token.issued} event of an issued access token (docs/contract-as-built.md
 * "Events stream"): {@code client}, {@code kind}, {@code address}, {@code jti},
 * {@code scope}, {@code auth_method}, {@code binding} ({@code dpop} for {@code cnf.jkt},
 * {@code mtls} for {@code cnf.x5t#S256}, else {@code none}) and {@code att_status}. The
 * values are read back from the token's own claims — which this server has just signed —
 * by decoding its payload only; the token itself never goes into the event.
 */
final class TokenIssuedEvent {

	private final EventStream events;

	TokenIssuedEvent(EventStream events) {
		this.events = events;
	}

	void append(HttpServletRequest request, OAuth2AccessTokenAuthenticationToken issued, String authMethod) {
		if (!this.events.enabled()) {
			return;
		}
		Map<String, Object> claims = payload(issued.getAccessToken().getTokenValue());
		EventStream.Event event = this.events.event("token.issued")
			.with("client", issued.getRegisteredClient().getClientId())
			.with("kind", issued.getRegisteredClient().getClientSettings().getSetting(ClientResolver.KIND_SETTING))
			.with("address", request.getRemoteAddr())
			.with("auth_method", authMethod);
		if (claims != null) {
			event.with("jti", string(claims.get("jti")))
				.with("scope", string(claims.get("scope")))
				.with("binding", binding(claims.get("cnf")))
				.with("att_status", (claims.get("att") instanceof Map<?, ?> att) ? string(att.get("status")) : null);
		}
		event.append();
	}

	static String authMethod(OAuth2AccessTokenAuthenticationToken issued) {
		return (issued.getPrincipal() instanceof OAuth2ClientAuthenticationToken client)
				? client.getClientAuthenticationMethod().getValue() : "unknown";
	}

	private static String binding(Object cnf) {
		if (cnf instanceof Map<?, ?> confirmation) {
			if (confirmation.containsKey("jkt")) {
				return "dpop";
			}
			if (confirmation.containsKey("x5t#S256")) {
				return "mtls";
			}
		}
		return "none";
	}

	private static String string(Object value) {
		return (value instanceof String text) ? text : null;
	}

	private static Map<String, Object> payload(String jws) {
		int first = jws.indexOf('.');
		int second = (first < 0) ? -1 : jws.indexOf('.', first + 1);
		if (second < 0) {
			return null;
		}
		try {
			// the JDK's decoder, not Nimbus' constant-time one: this is our own token's public
			// payload, and the constant-time decoder was the larger part of the event's cost
			byte[] json = Base64.getUrlDecoder().decode(jws.substring(first + 1, second));
			return JSONObjectUtils.parse(new String(json, StandardCharsets.UTF_8));
		}
		catch (ParseException | IllegalArgumentException ex) {
			return null;
		}
	}

}
