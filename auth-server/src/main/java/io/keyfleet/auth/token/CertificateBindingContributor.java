package io.keyfleet.auth.token;

import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;

import io.keyfleet.auth.clientauth.PresentedCertificate;

/**
 * Binds every token requested over a TLS connection that presented a client certificate
 * to that certificate: {@code cnf.x5t#S256} (RFC 8705 §3.1), whatever the client
 * authentication method — a resource server then accepts the token only on a connection
 * with the same certificate. A DPoP binding ({@code cnf.jkt}) set earlier is kept beside it.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8705#section-3">RFC 8705 §3</a>
 */
public final class CertificateBindingContributor implements ClaimContributor {

	@Override
	public void contribute(JwtEncodingContext context) {
		X509Certificate certificate = PresentedCertificate.current();
		if (certificate == null) {
			return;
		}
		String thumbprint = PresentedCertificate.thumbprint(certificate);
		context.getClaims().claims(claims -> {
			Map<String, Object> cnf = new LinkedHashMap<>();
			if (claims.get("cnf") instanceof Map<?, ?> existing) {
				existing.forEach((k, v) -> cnf.put(String.valueOf(k), v));
			}
			cnf.put("x5t#S256", thumbprint);
			claims.put("cnf", cnf);
		});
	}

}
