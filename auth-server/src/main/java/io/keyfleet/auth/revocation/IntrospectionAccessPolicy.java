package io.keyfleet.auth.revocation;

import java.util.Set;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Who may introspect what (CONTRACT "Introspection"): a client may introspect its own
 * tokens; a client registered with {@code fleet:admin} or {@code tokens:introspect} may
 * introspect any token; for anyone else a foreign token is {@code {"active": false}} —
 * indistinguishable from a dead one, as RFC 7662 §2.2 allows. Wraps Spring's provider.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7662#section-2.2">RFC 7662 §2.2</a>
 */
public final class IntrospectionAccessPolicy implements AuthenticationProvider {

	private static final Set<String> INTROSPECT_ANY = Set.of("fleet:admin", "tokens:introspect");

	private final AuthenticationProvider delegate;

	public IntrospectionAccessPolicy(AuthenticationProvider delegate) {
		this.delegate = delegate;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		Authentication result = this.delegate.authenticate(authentication);
		if (!(result instanceof OAuth2TokenIntrospectionAuthenticationToken introspection)
				|| !introspection.getTokenClaims().isActive()
				|| !(introspection.getPrincipal() instanceof OAuth2ClientAuthenticationToken requester)) {
			return result;
		}
		RegisteredClient client = requester.getRegisteredClient();
		String owner = introspection.getTokenClaims().getClientId();
		boolean mayIntrospectAny = client != null && client.getScopes().stream().anyMatch(INTROSPECT_ANY::contains);
		if (client != null && (mayIntrospectAny || client.getClientId().equals(owner))) {
			return result;
		}
		return new OAuth2TokenIntrospectionAuthenticationToken(introspection.getToken(), requester,
				OAuth2TokenIntrospection.builder().build());
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.delegate.supports(authentication);
	}

}
