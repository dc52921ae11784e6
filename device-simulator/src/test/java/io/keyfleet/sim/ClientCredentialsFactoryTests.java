package io.keyfleet.sim;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretJWT;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The client authentications the simulator sends, checked with real keys against the
 * rules the server applies (RFC 7523 Section 3, CONTRACT.md "Token").
 */
class ClientCredentialsFactoryTests {

	private static final URI TOKEN_ENDPOINT = URI.create("https://localhost:8443/oauth2/token");

	private static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");

	private final ClientCredentialsFactory factory = new ClientCredentialsFactory(Clock.fixed(NOW, ZoneOffset.UTC));

	private final KeyPair keys = EcKeys.generate();

	@Test
	void createWhenPrivateKeyJwtThenAssertionSatisfiesRfc7523Section3() throws Exception {
		ClientAuthentication authentication = this.factory.create(
				ClientCredentials.privateKeyJwt("dev-0001", (ECPrivateKey) this.keys.getPrivate(), "k1"),
				TOKEN_ENDPOINT);

		assertThat(authentication).isInstanceOf(PrivateKeyJWT.class);
		assertThat(authentication.getMethod()).isEqualTo(ClientAuthenticationMethod.PRIVATE_KEY_JWT);
		SignedJWT assertion = SignedJWT.parse(((PrivateKeyJWT) authentication).getClientAssertion().serialize());
		assertThat(assertion.verify(new ECDSAVerifier((ECPublicKey) this.keys.getPublic()))).isTrue();
		assertThat(assertion.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
		assertThat(assertion.getHeader().getKeyID()).isEqualTo("k1");
		JWTClaimsSet claims = assertion.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo("dev-0001");
		assertThat(claims.getSubject()).isEqualTo("dev-0001");
		assertThat(claims.getAudience()).containsExactly(TOKEN_ENDPOINT.toString());
		assertThat(claims.getIssueTime().toInstant()).isEqualTo(NOW);
		assertThat(claims.getExpirationTime().toInstant()).isAfter(NOW)
			.isBeforeOrEqualTo(NOW.plus(Duration.ofMinutes(5)))
			.isEqualTo(NOW.plusSeconds(60));
		assertThat(claims.getJWTID()).isNotBlank().hasSizeGreaterThanOrEqualTo(22);
	}

	@Test
	void createWhenCalledTwiceThenEachAssertionHasItsOwnJti() throws Exception {
		ClientCredentials credentials = ClientCredentials.privateKeyJwt("dev-0001",
				(ECPrivateKey) this.keys.getPrivate(), null);

		String first = jti(this.factory.create(credentials, TOKEN_ENDPOINT));
		String second = jti(this.factory.create(credentials, TOKEN_ENDPOINT));

		assertThat(first).isNotEqualTo(second);
	}

	@Test
	void createWhenPrivateKeyJwtWithoutKidThenHeaderHasNoKid() throws Exception {
		PrivateKeyJWT authentication = (PrivateKeyJWT) this.factory.create(
				ClientCredentials.privateKeyJwt("dev-0001", (ECPrivateKey) this.keys.getPrivate(), null),
				TOKEN_ENDPOINT);

		assertThat(authentication.getClientAssertion().getHeader().getKeyID()).isNull();
	}

	@Test
	void createWhenClientSecretJwtThenHs256AssertionVerifiesWithSecretAndExpiresSoon() throws Exception {
		String secret = "0123456789abcdef0123456789abcdef-secret";

		ClientAuthentication authentication = this.factory.create(
				ClientCredentials.secret("svc-1", ClientAuthMethod.CLIENT_SECRET_JWT, secret), TOKEN_ENDPOINT);

		assertThat(authentication).isInstanceOf(ClientSecretJWT.class);
		SignedJWT assertion = ((ClientSecretJWT) authentication).getClientAssertion();
		assertThat(assertion.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
		assertThat(assertion.verify(new MACVerifier(secret.getBytes(StandardCharsets.UTF_8)))).isTrue();
		JWTClaimsSet claims = assertion.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo("svc-1").isEqualTo(claims.getSubject());
		assertThat(claims.getAudience()).containsExactly(TOKEN_ENDPOINT.toString());
		assertThat(claims.getExpirationTime().toInstant()).isEqualTo(NOW.plusSeconds(60));
		assertThat(claims.getJWTID()).isNotBlank();
	}

	@Test
	void createWhenClientSecretJwtAndSecretShorterThan32BytesThenSimException() {
		ClientCredentials credentials = ClientCredentials.secret("svc-1", ClientAuthMethod.CLIENT_SECRET_JWT, "short");

		assertThatExceptionOfType(SimException.class)
			.isThrownBy(() -> this.factory.create(credentials, TOKEN_ENDPOINT))
			.withMessageContaining("at least 32 bytes");
	}

	@Test
	void createWhenClientSecretBasicThenAuthorizationHeaderCarriesFormEncodedCredentials() {
		ClientAuthentication authentication = this.factory.create(
				ClientCredentials.secret("svc:1", ClientAuthMethod.CLIENT_SECRET_BASIC, "p@ss word"), TOKEN_ENDPOINT);

		assertThat(authentication).isInstanceOf(ClientSecretBasic.class);
		String header = ((ClientSecretBasic) authentication).toHTTPAuthorizationHeader();
		assertThat(header).startsWith("Basic ");
		// RFC 6749 2.3.1: id and secret are application/x-www-form-urlencoded before Base64
		assertThat(new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8))
			.isEqualTo("svc%3A1:p%40ss+word");
	}

	@Test
	void setAssertionLifetimeWhenLongerThanFiveMinutesThenIllegalArgument() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.factory.setAssertionLifetime(Duration.ofMinutes(5).plusSeconds(1)));
		assertThatIllegalArgumentException().isThrownBy(() -> this.factory.setAssertionLifetime(Duration.ZERO));
	}

	@Test
	void toStringWhenCredentialsHoldSecretThenSecretNotShown() {
		assertThat(ClientCredentials.secret("svc-1", ClientAuthMethod.CLIENT_SECRET_BASIC, "top-secret-value"))
			.asString()
			.contains("svc-1")
			.doesNotContain("top-secret-value");
	}

	private static String jti(ClientAuthentication authentication) throws Exception {
		return ((PrivateKeyJWT) authentication).getClientAssertion().getJWTClaimsSet().getJWTID();
	}

}
