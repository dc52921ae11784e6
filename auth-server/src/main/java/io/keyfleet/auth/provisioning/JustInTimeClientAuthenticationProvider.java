package io.keyfleet.auth.provisioning;

import java.security.cert.X509Certificate;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import io.keyfleet.auth.client.ClientRegistrationValidator;
import io.keyfleet.auth.client.ResolvedClientCache;

/**
 * Registers a device just in time when it first calls the token endpoint with
 * {@code tls_client_auth} (RFC 8705 §2.1) and a factory certificate of an enrollment
 * group, and then steps aside: it always answers {@code null} ("not mine"), so Spring's
 * {@code X509ClientCertificateAuthenticationProvider} authenticates the request as for any
 * registered device — an {@code auto} group's device gets its token in this same request,
 * a {@code pending} one {@code invalid_client}. Known clients cost one cache lookup.
 */
public final class JustInTimeClientAuthenticationProvider implements AuthenticationProvider {

	private final JustInTimeRegistration registration;

	private final ResolvedClientCache clients;

	private final String tokenEndpoint;

	/**
	 * @param tokenEndpoint the token endpoint's path: client authentication at
	 * introspection and revocation registers nobody
	 */
	public JustInTimeClientAuthenticationProvider(JustInTimeRegistration registration, ResolvedClientCache clients,
			String tokenEndpoint) {
		this.registration = registration;
		this.clients = clients;
		this.tokenEndpoint = tokenEndpoint;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OAuth2ClientAuthenticationToken client = (OAuth2ClientAuthenticationToken) authentication;
		HttpServletRequest request = currentRequest();
		if (request == null || !this.tokenEndpoint.equals(request.getRequestURI())
				|| !ClientAuthenticationMethod.TLS_CLIENT_AUTH.equals(client.getClientAuthenticationMethod())
				|| !(client.getCredentials() instanceof X509Certificate[] chain) || chain.length == 0
				|| !(client.getPrincipal() instanceof String clientId)
				|| !ClientRegistrationValidator.ID.matcher(clientId).matches()
				|| this.clients.find(clientId).isPresent()) {
			return null;
		}
		this.registration.register(chain, clientId, "token", request.getRemoteAddr());
		return null;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
	}

	private static HttpServletRequest currentRequest() {
		return (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes servlet)
				? servlet.getRequest() : null;
	}

}
