package io.keyfleet.auth.clientauth;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;

import javax.security.auth.x500.X500Principal;

import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;

import io.keyfleet.auth.client.ClientJwks;
import io.keyfleet.auth.client.ClientRecord;
import io.keyfleet.auth.client.ResolvedClient;
import io.keyfleet.auth.client.ResolvedClientCache;
import io.keyfleet.auth.store.StateStore;

/**
 * Verifies the certificate of a mutual-TLS client authentication, as the certificate
 * verifier of Spring's {@code X509ClientCertificateAuthenticationProvider} (which it
 * replaces entirely: Spring's self-signed check fetches a JWK Set URL, Keyfleet keeps the
 * JWKS inline).
 * <ul>
 * <li>{@code tls_client_auth} (RFC 8705 §2.1): the chain leads to a trusted CA, the leaf
 * is valid now, not revoked, and carries the registered subject DN, SAN URI or SAN DNS
 * name — or it is a factory certificate of the device's enrollment group
 * ({@link FactoryCertificateTrust});</li>
 * <li>{@code self_signed_tls_client_auth} (RFC 8705 §2.2): the leaf is self-signed, valid
 * now, and its public key is one of the client's registered keys.</li>
 * </ul>
 * Possession of the certificate's private key was proven by the TLS handshake.
 */
public final class ClientCertificateVerifier implements Consumer<OAuth2ClientAuthenticationContext> {

	private static final String ERROR_URI = "https://www.rfc-editor.org/rfc/rfc8705#section-2";

	private static final int SAN_DNS = 2;

	private static final int SAN_URI = 6;

	private final ResolvedClientCache clients;

	private final TrustedCertificateAuthorities authorities;

	private final StateStore store;

	private final FactoryCertificateTrust factoryCertificates;

	public ClientCertificateVerifier(ResolvedClientCache clients, TrustedCertificateAuthorities authorities,
			StateStore store, FactoryCertificateTrust factoryCertificates) {
		this.clients = clients;
		this.authorities = authorities;
		this.store = store;
		this.factoryCertificates = factoryCertificates;
	}

	@Override
	public void accept(OAuth2ClientAuthenticationContext context) {
		OAuth2ClientAuthenticationToken authentication = context.getAuthentication();
		X509Certificate[] chain = (X509Certificate[]) authentication.getCredentials();
		ResolvedClient client = this.clients.find(context.getRegisteredClient().getClientId())
			.orElseThrow(() -> invalid("unknown client"));
		X509Certificate leaf = chain[0];
		try {
			leaf.checkValidity(new Date());
		}
		catch (GeneralSecurityException ex) {
			throw invalid("the client certificate is expired or not yet valid");
		}
		if (ClientAuthenticationMethod.SELF_SIGNED_TLS_CLIENT_AUTH.equals(authentication.getClientAuthenticationMethod())) {
			verifySelfSigned(leaf, client.jwks());
		}
		else {
			verifyIssued(chain, client.record());
		}
	}

	private static void verifySelfSigned(X509Certificate leaf, ClientJwks jwks) {
		try {
			leaf.verify(leaf.getPublicKey());
		}
		catch (GeneralSecurityException ex) {
			throw invalid("the client certificate is not self-signed");
		}
		byte[] presented = leaf.getPublicKey().getEncoded();
		boolean registered = jwks != null
				&& jwks.keys().stream().anyMatch(k -> Arrays.equals(k.publicKey().getEncoded(), presented));
		if (!registered) {
			throw invalid("the client certificate's key is not in the registered jwks");
		}
	}

	/**
	 * A certificate from a configured CA must carry the registered name; a factory
	 * certificate of the device's enrollment group names the device by its CN or device
	 * URN instead, which {@link FactoryCertificateTrust} checks along with its chain.
	 */
	private void verifyIssued(X509Certificate[] chain, ClientRecord record) {
		boolean fromConfiguredCa = this.authorities.trusts(chain);
		if (!(fromConfiguredCa && matchesRegisteredIdentity(chain[0], record))
				&& !this.factoryCertificates.authenticates(chain, record)) {
			throw invalid(fromConfiguredCa ? "the client certificate does not carry the registered subject"
					: "the client certificate does not chain to a trusted CA");
		}
		String thumbprint = PresentedCertificate.thumbprint(chain[0]);
		if (this.store.await(this.store.async().exists(this.store.key("cert-revoked", thumbprint))) > 0) {
			throw invalid("the client certificate is revoked");
		}
	}

	static boolean matchesRegisteredIdentity(X509Certificate leaf, ClientRecord record) {
		if (record.tlsClientAuthSubjectDn() != null) {
			return leaf.getSubjectX500Principal().equals(new X500Principal(record.tlsClientAuthSubjectDn()));
		}
		if (record.tlsClientAuthSanUri() != null) {
			return hasSan(leaf, SAN_URI, record.tlsClientAuthSanUri());
		}
		if (record.tlsClientAuthSanDns() != null) {
			return hasSan(leaf, SAN_DNS, record.tlsClientAuthSanDns());
		}
		return false;
	}

	private static boolean hasSan(X509Certificate leaf, int type, String value) {
		try {
			Collection<List<?>> names = leaf.getSubjectAlternativeNames();
			return names != null && names.stream()
				.anyMatch(name -> Integer.valueOf(type).equals(name.get(0)) && value.equalsIgnoreCase(String.valueOf(name.get(1))));
		}
		catch (CertificateParsingException ex) {
			return false;
		}
	}

	private static OAuth2AuthenticationException invalid(String description) {
		return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, description, ERROR_URI));
	}

}
