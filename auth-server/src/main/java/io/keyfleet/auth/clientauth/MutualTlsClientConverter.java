package io.keyfleet.auth.clientauth;

import java.security.cert.X509Certificate;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;

import io.keyfleet.auth.client.AuthMethod;
import io.keyfleet.auth.client.ClientRegistrationValidator;
import io.keyfleet.auth.client.ResolvedClient;
import io.keyfleet.auth.client.ResolvedClientCache;

/**
 * Reads a mutual-TLS client authentication (RFC 8705 §2): a client certificate on the
 * connection (or from a trusted proxy) and a {@code client_id} parameter, no other
 * credentials. The method is the one the client registered. Spring's converter guesses it
 * from the chain's length instead, and so takes a CA-issued certificate sent without its
 * chain for a self-signed one.
 */
public final class MutualTlsClientConverter implements AuthenticationConverter {

	private final ResolvedClientCache clients;

	public MutualTlsClientConverter(ResolvedClientCache clients) {
		this.clients = clients;
	}

	@Override
	public Authentication convert(HttpServletRequest request) {
		Object attribute = request.getAttribute(PresentedCertificate.ATTRIBUTE);
		if (!(attribute instanceof X509Certificate[] chain) || chain.length == 0
				|| request.getHeader("Authorization") != null
				|| request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION) != null
				|| request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null) {
			return null;
		}
		String[] clientId = request.getParameterMap().get(OAuth2ParameterNames.CLIENT_ID);
		if (clientId == null) {
			return null;
		}
		if (clientId.length != 1) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_REQUEST);
		}
		if (!ClientRegistrationValidator.ID.matcher(clientId[0]).matches()) {
			return new OAuth2ClientAuthenticationToken(clientId[0], AuthMethod.TLS_CLIENT_AUTH.springMethod(), chain,
					Map.of());
		}
		AuthMethod method = this.clients.find(clientId[0])
			.map(ResolvedClient::record)
			.map(r -> r.tokenEndpointAuthMethod())
			.filter(m -> m == AuthMethod.TLS_CLIENT_AUTH || m == AuthMethod.SELF_SIGNED_TLS_CLIENT_AUTH)
			.orElse(AuthMethod.TLS_CLIENT_AUTH);
		return new OAuth2ClientAuthenticationToken(clientId[0], method.springMethod(), chain, Map.of());
	}

}
