package io.keyfleet.auth.token;

import java.time.Instant;
import java.util.List;

import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

import io.keyfleet.auth.client.ClientResolver;

/**
 * Shapes every access token as RFC 9068 and the contract require: header
 * {@code typ: at+jwt}; claims {@code aud} (the requested RFC 8707 resources, else all of
 * the client's allowed resources), {@code client_id}, {@code scope} as a space-separated
 * string, and a UUIDv7 {@code jti}. Then every {@link ClaimContributor} runs.
 *
 * <p>
 * Spring's defaults run before this customizer and may already have set {@code cnf}
 * (RFC 8705 / RFC 9449 bindings); it is left as it is.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9068#section-2.2">RFC 9068 §2.2 Data Structure</a>
 */
public final class KeyfleetTokenCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

	private static final String AT_JWT = "at+jwt";

	private final List<ClaimContributor> contributors;

	public KeyfleetTokenCustomizer(List<ClaimContributor> contributors) {
		this.contributors = List.copyOf(contributors);
	}

	@Override
	public void customize(JwtEncodingContext context) {
		if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			return;
		}
		context.getJwsHeader().type(AT_JWT);
		List<String> audience = audience(context);
		context.getClaims().claims(claims -> {
			Instant issuedAt = (Instant) claims.get("iat");
			claims.put("jti", TokenIds.newId((issuedAt != null) ? issuedAt : Instant.now()));
			claims.put("aud", audience);
			claims.put("client_id", context.getRegisteredClient().getClientId());
			if (context.getAuthorizedScopes().isEmpty()) {
				claims.remove(OAuth2ParameterNames.SCOPE);
			}
			else {
				claims.put(OAuth2ParameterNames.SCOPE, String.join(" ", context.getAuthorizedScopes()));
			}
		});
		this.contributors.forEach(c -> c.contribute(context));
	}

	private static List<String> audience(JwtEncodingContext context) {
		if (context.getAuthorizationGrant() instanceof OAuth2ClientCredentialsAuthenticationToken grant) {
			List<String> requested = RequestedResources.from(grant.getAdditionalParameters());
			if (!requested.isEmpty()) {
				return requested;
			}
		}
		List<String> allowed = context.getRegisteredClient().getClientSettings().getSetting(ClientResolver.ALLOWED_RESOURCES_SETTING);
		return (allowed != null) ? allowed : List.of();
	}

}
