package io.keyfleet.guard;

import java.time.Duration;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link KeyfleetGuardAutoConfiguration}, run next to Spring Boot's own
 * resource-server auto-configuration as in an application.
 */
class KeyfleetGuardAutoConfigurationTests {

	private static ECKey signingKey;

	private static JwksServer jwks;

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KeyfleetGuardAutoConfiguration.class,
				OAuth2ResourceServerAutoConfiguration.class));

	@BeforeAll
	static void startIssuer() {
		signingKey = TestAccessTokens.signingKey("k1");
		jwks = JwksServer.start(new JWKSet(signingKey));
	}

	@AfterAll
	static void stopIssuer() {
		jwks.close();
	}

	@Test
	void autoConfigurationWhenNoIssuerUriThenBacksOff() {
		this.contextRunner.withPropertyValues("keyfleet.guard.audience=" + TestAccessTokens.AUDIENCE)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(JwtDecoder.class);
				assertThat(context).doesNotHaveBean(KeyfleetGuardProperties.class);
			});
	}

	@Test
	void autoConfigurationWhenIssuerUriSetThenCreatesJwtDecoder() {
		this.contextRunner
			.withPropertyValues("keyfleet.guard.issuer-uri=https://localhost:8443",
					"keyfleet.guard.audience=" + TestAccessTokens.AUDIENCE)
			.run((context) -> {
				assertThat(context).hasSingleBean(JwtDecoder.class);
				KeyfleetGuardProperties properties = context.getBean(KeyfleetGuardProperties.class);
				assertThat(properties.jwkSetUri()).isEqualTo("https://localhost:8443/oauth2/jwks");
				assertThat(properties.clockSkew()).isEqualTo(Duration.ofSeconds(30));
			});
	}

	@Test
	void autoConfigurationWhenAudienceMissingThenFailsToStart() {
		this.contextRunner.withPropertyValues("keyfleet.guard.issuer-uri=https://localhost:8443")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("keyfleet.guard")
				.hasMessageContaining("audience"));
	}

	@Test
	void jwtDecoderWhenBootResourceServerAlsoConfiguredThenGuardDecoderIsUsed() {
		// Boot's decoder would refuse typ at+jwt and ignore aud: only the guard's accepts
		// this token, and only the guard's refuses the wrong audience
		this.contextRunner
			.withPropertyValues("keyfleet.guard.issuer-uri=" + jwks.issuer(),
					"keyfleet.guard.audience=" + TestAccessTokens.AUDIENCE,
					"spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + jwks.jwkSetUri(),
					"spring.security.oauth2.resourceserver.jwt.jws-algorithms=ES256")
			.run((context) -> {
				assertThat(context).hasSingleBean(JwtDecoder.class);
				JwtDecoder decoder = context.getBean(JwtDecoder.class);
				String token = TestAccessTokens.sign(signingKey, TestAccessTokens.header(signingKey),
						TestAccessTokens.claims(jwks.issuer()));
				assertThat(decoder.decode(token).getSubject()).isEqualTo("dev-1");
				String otherAudience = TestAccessTokens.sign(signingKey, TestAccessTokens.header(signingKey),
						TestAccessTokens.claims(jwks.issuer()).audience("https://reports.example"));
				assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> decoder.decode(otherAudience));
			});
	}

	@Test
	void jwtDecoderIsConditionalOnMissingBean() {
		this.contextRunner.withUserConfiguration(CustomJwtDecoderConfiguration.class)
			.withPropertyValues("keyfleet.guard.issuer-uri=https://localhost:8443",
					"keyfleet.guard.audience=" + TestAccessTokens.AUDIENCE)
			.run((context) -> {
				assertThat(context).hasSingleBean(JwtDecoder.class);
				assertThat(context.getBeanNamesForType(JwtDecoder.class)).containsExactly("customJwtDecoder");
				assertThat(context).hasSingleBean(KeyfleetGuardProperties.class);
			});
	}

	@Test
	void jwtDecoderWhenTokenValidatorBeanThenAppliesIt() {
		this.contextRunner.withUserConfiguration(RevokedTokenValidatorConfiguration.class)
			.withPropertyValues("keyfleet.guard.issuer-uri=" + jwks.issuer(),
					"keyfleet.guard.audience=" + TestAccessTokens.AUDIENCE)
			.run((context) -> {
				JwtDecoder decoder = context.getBean(JwtDecoder.class);
				String live = TestAccessTokens.sign(signingKey, TestAccessTokens.header(signingKey),
						TestAccessTokens.claims(jwks.issuer()));
				String revoked = TestAccessTokens.sign(signingKey, TestAccessTokens.header(signingKey),
						TestAccessTokens.claims(jwks.issuer()).jwtID(RevokedTokenValidatorConfiguration.REVOKED_JTI));
				assertThat(decoder.decode(live).getSubject()).isEqualTo("dev-1");
				assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> decoder.decode(revoked))
					.satisfies((ex) -> assertThat(ex.getErrors()).extracting(OAuth2Error::getDescription)
						.containsExactly("token revoked"));
			});
	}

	@Test
	void jwtDecoderWhenJwtTypeValidatorBeanThenAtJwtStillAccepted() {
		// a second JwtTypeValidator must not make Spring fall back to JwtTypeValidator.jwt()
		this.contextRunner.withUserConfiguration(AtJwtTypeValidatorConfiguration.class)
			.withPropertyValues("keyfleet.guard.issuer-uri=" + jwks.issuer(),
					"keyfleet.guard.audience=" + TestAccessTokens.AUDIENCE)
			.run((context) -> {
				String token = TestAccessTokens.sign(signingKey, TestAccessTokens.header(signingKey),
						TestAccessTokens.claims(jwks.issuer()));
				assertThat(context.getBean(JwtDecoder.class).decode(token).getSubject()).isEqualTo("dev-1");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomJwtDecoderConfiguration {

		@Bean
		JwtDecoder customJwtDecoder() {
			return (token) -> {
				throw new BadJwtException("custom decoder");
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RevokedTokenValidatorConfiguration {

		static final String REVOKED_JTI = "revoked-jti";

		@Bean
		OAuth2TokenValidator<Jwt> revokedTokenValidator() {
			return (jwt) -> REVOKED_JTI.equals(jwt.getId())
					? OAuth2TokenValidatorResult
						.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "token revoked", null))
					: OAuth2TokenValidatorResult.success();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AtJwtTypeValidatorConfiguration {

		@Bean
		OAuth2TokenValidator<Jwt> atJwtTypeValidator() {
			return new JwtTypeValidator("at+jwt");
		}

	}

}
