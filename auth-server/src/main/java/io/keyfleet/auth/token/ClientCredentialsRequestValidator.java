package io.keyfleet.auth.token;

import java.util.List;
import java.util.function.Consumer;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import io.keyfleet.auth.client.ClientRegistrationValidator.ResourceIndicators;
import io.keyfleet.auth.client.ClientResolver;
import io.keyfleet.auth.clientauth.PresentedCertificate;

/**
 * Checks a client credentials request against the client's registration, after Spring's
 * own scope check ({@code invalid_scope}):
 * <ul>
 * <li>every RFC 8707 {@code resource} must be an absolute URI without fragment and one of
 * the client's allowed resources, else {@code invalid_target} — or the issuer itself, which
 * every client may ask for: the authorization server's own client configuration endpoint
 * ({@code /oauth2/register/<client_id>}, RFC 7592) accepts only tokens for it, so that a
 * token given to a resource server can never be replayed there;</li>
 * <li>a client registered with {@code tls_client_certificate_bound_access_tokens} must
 * present a client certificate (RFC 8705 §3.4), one with {@code dpop_bound_access_tokens}
 * a DPoP proof (RFC 9449 §5.2), else {@code invalid_request}.</li>
 * </ul>
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8707#section-2">RFC 8707 §2</a>
 */
public final class ClientCredentialsRequestValidator implements Consumer<OAuth2ClientCredentialsAuthenticationContext> {

	private static final String RESOURCE_ERROR_URI = "https://www.rfc-editor.org/rfc/rfc8707#section-2";

	private static final String MTLS_ERROR_URI = "https://www.rfc-editor.org/rfc/rfc8705#section-3";

	private static final String DPOP_ERROR_URI = "https://www.rfc-editor.org/rfc/rfc9449#section-5.2";

	private final Consumer<OAuth2ClientCredentialsAuthenticationContext> scopes = new OAuth2ClientCredentialsAuthenticationValidator();

	private final String issuer;

	/** @param issuer this server's issuer identifier, always an allowed resource */
	public ClientCredentialsRequestValidator(String issuer) {
		this.issuer = issuer;
	}

	@Override
	public void accept(OAuth2ClientCredentialsAuthenticationContext context) {
		this.scopes.accept(context);
		OAuth2ClientCredentialsAuthenticationToken request = context.getAuthentication();
		RegisteredClient client = context.getRegisteredClient();
		List<String> allowed = client.getClientSettings().getSetting(ClientResolver.ALLOWED_RESOURCES_SETTING);
		List<String> requested = RequestedResources.from(request.getAdditionalParameters());
		if (requested.size() > 1 && requested.contains(this.issuer)) {
			// a token for this server's own endpoints must not be one a resource server could replay here
			throw error("invalid_target", "the issuer cannot be requested together with other resources",
					RESOURCE_ERROR_URI);
		}
		for (String resource : requested) {
			String problem = ResourceIndicators.problem(resource);
			if (problem != null) {
				throw error("invalid_target", problem, RESOURCE_ERROR_URI);
			}
			if (!resource.equals(this.issuer) && (allowed == null || !allowed.contains(resource))) {
				throw error("invalid_target", "resource " + resource + " is not allowed for this client",
						RESOURCE_ERROR_URI);
			}
		}
		if (client.getTokenSettings().isX509CertificateBoundAccessTokens() && PresentedCertificate.current() == null) {
			throw error(OAuth2ErrorCodes.INVALID_REQUEST, "this client must present its TLS client certificate",
					MTLS_ERROR_URI);
		}
		if (Boolean.TRUE.equals(client.getClientSettings().getSetting(ClientResolver.DPOP_BOUND_SETTING))
				&& request.getAdditionalParameters().get("dpop_proof") == null) {
			throw error(OAuth2ErrorCodes.INVALID_REQUEST, "this client must send a DPoP proof", DPOP_ERROR_URI);
		}
	}

	private static OAuth2AuthenticationException error(String code, String description, String uri) {
		return new OAuth2AuthenticationException(new OAuth2Error(code, description, uri));
	}

}
