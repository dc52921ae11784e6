package io.keyfleet.sim;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.SSLSocketFactory;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeyLengthException;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretJWT;
import com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet;
import com.nimbusds.oauth2.sdk.auth.PKITLSClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.JWTID;

/**
 * Builds the Nimbus {@link ClientAuthentication} for one token request from a client's
 * {@link ClientCredentials}. Every JWT assertion is new: a fresh random {@code jti}, issued
 * now, expiring after {@link #setAssertionLifetime(Duration) a short lifetime} (60 s by
 * default; the contract allows at most 5 minutes), with the token endpoint as audience.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7523#section-3">RFC 7523 Section 3</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1">RFC 6749 Section 2.3.1</a>
 */
public final class ClientCredentialsFactory {

	static final Duration MAX_ASSERTION_LIFETIME = Duration.ofMinutes(5);

	private final Clock clock;

	private Duration assertionLifetime = Duration.ofSeconds(60);

	public ClientCredentialsFactory() {
		this(Clock.systemUTC());
	}

	public ClientCredentialsFactory(Clock clock) {
		this.clock = Objects.requireNonNull(clock, "clock cannot be null");
	}

	/**
	 * Sets how long assertions are valid: more than 0, at most 5 minutes.
	 * @param assertionLifetime the lifetime
	 */
	public void setAssertionLifetime(Duration assertionLifetime) {
		Objects.requireNonNull(assertionLifetime, "assertionLifetime cannot be null");
		if (assertionLifetime.isNegative() || assertionLifetime.isZero()
				|| assertionLifetime.compareTo(MAX_ASSERTION_LIFETIME) > 0) {
			throw new IllegalArgumentException("assertionLifetime must be more than 0 and at most 5 minutes");
		}
		this.assertionLifetime = assertionLifetime;
	}

	/**
	 * @param credentials what the client holds
	 * @param tokenEndpoint the token endpoint, the audience of JWT assertions
	 * @return the client authentication for one request
	 * @throws SimException when the credentials cannot be used (e.g. a secret too short for HS256)
	 */
	public ClientAuthentication create(ClientCredentials credentials, URI tokenEndpoint) {
		Objects.requireNonNull(credentials, "credentials cannot be null");
		Objects.requireNonNull(tokenEndpoint, "tokenEndpoint cannot be null");
		try {
			return switch (credentials.method()) {
				case PRIVATE_KEY_JWT -> new PrivateKeyJWT(claims(credentials, tokenEndpoint), JWSAlgorithm.ES256,
						credentials.privateKey(), credentials.keyId(), null);
				case CLIENT_SECRET_JWT -> clientSecretJwt(credentials, tokenEndpoint);
				case CLIENT_SECRET_BASIC -> new ClientSecretBasic(credentials.clientId(), credentials.secret());
				// RFC 8705 2: client_id in the body; the certificate is the transport's
				case TLS_CLIENT_AUTH -> new PKITLSClientAuthentication(credentials.clientId(), (SSLSocketFactory) null);
			};
		}
		catch (KeyLengthException ex) {
			throw new SimException("client_secret_jwt needs a client secret of at least 32 bytes (HS256)", ex);
		}
		catch (JOSEException ex) {
			throw new SimException("cannot sign the client assertion: " + ex.getMessage(), ex);
		}
	}

	private ClientSecretJWT clientSecretJwt(ClientCredentials credentials, URI tokenEndpoint) throws JOSEException {
		// Nimbus' own constructor fixes exp at 5 minutes: sign our claims instead
		SignedJWT assertion = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256),
				claims(credentials, tokenEndpoint).toJWTClaimsSet());
		assertion.sign(new MACSigner(credentials.secret().getValueBytes()));
		return new ClientSecretJWT(assertion);
	}

	private JWTAuthenticationClaimsSet claims(ClientCredentials credentials, URI tokenEndpoint) {
		Instant now = this.clock.instant();
		// iss = sub = client_id (RFC 7523 3.1, 3.2), aud = token endpoint (3.3), exp (3.4), iat, jti (3.7)
		return new JWTAuthenticationClaimsSet(credentials.clientId(), List.of(new Audience(tokenEndpoint)),
				Date.from(now.plus(this.assertionLifetime)), null, Date.from(now), new JWTID());
	}

}
