package io.keyfleet.auth.token;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ClientCredentialsAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * A client credentials request without {@code scope} asks for the client's registered
 * scopes — the pre-defined default RFC 6749 §3.3 allows — rather than for none. Wraps
 * Spring's converter and changes only that.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-3.3">RFC 6749 §3.3</a>
 */
public final class DefaultScopeRequestConverter implements AuthenticationConverter {

	private final OAuth2ClientCredentialsAuthenticationConverter delegate = new OAuth2ClientCredentialsAuthenticationConverter();

	@Override
	public Authentication convert(HttpServletRequest request) {
		Authentication converted = this.delegate.convert(request);
		if (!(converted instanceof OAuth2ClientCredentialsAuthenticationToken token) || !token.getScopes().isEmpty()
				|| !(token.getPrincipal() instanceof OAuth2ClientAuthenticationToken client)) {
			return converted;
		}
		RegisteredClient registered = client.getRegisteredClient();
		if (registered == null || registered.getScopes().isEmpty()) {
			return converted;
		}
		return new OAuth2ClientCredentialsAuthenticationToken(client, registered.getScopes(),
				token.getAdditionalParameters());
	}

}
