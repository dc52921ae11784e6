package io.keyfleet.guard;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.keyfleet.guard.authorization.GuardRequirements;
import io.keyfleet.guard.state.GuardStateCache;
import io.keyfleet.guard.state.PubSubGuardStateCache;
import io.keyfleet.guard.state.TrackingGuardStateCache;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
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
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link KeyfleetGuardAutoConfiguration}, run next to Spring Boot's own security
 * and resource-server auto-configurations as in an application.
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
		TestState.shared().activeDevice("dev-1");
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
				assertThat(context).doesNotHaveBean(GuardStateCache.class);
			});
	}

	@Test
	void autoConfigurationWhenIssuerUriSetThenCreatesJwtDecoderAndTrackingState() {
		this.contextRunner.withPropertyValues(properties("https://localhost:8443")).run((context) -> {
			assertThat(context).hasSingleBean(JwtDecoder.class);
			assertThat(context).hasSingleBean(GuardRequirements.class);
			assertThat(context.getBean(GuardStateCache.class)).isInstanceOf(TrackingGuardStateCache.class);
			KeyfleetGuardProperties properties = context.getBean(KeyfleetGuardProperties.class);
			assertThat(properties.jwkSetUri()).isEqualTo("https://localhost:8443/oauth2/jwks");
			assertThat(properties.clockSkew()).isEqualTo(Duration.ofSeconds(30));
			assertThat(properties.redis().keyPrefix()).isEqualTo(TestRedis.prefix());
			assertThat(properties.dpop().requireNonce()).isFalse();
		});
	}

	@Test
	void autoConfigurationWhenCacheIsPubSubThenPubSubState() {
		this.contextRunner.withPropertyValues(properties("https://localhost:8443"))
			.withPropertyValues("keyfleet.guard.cache=pubsub")
			.run((context) -> assertThat(context.getBean(GuardStateCache.class))
				.isInstanceOf(PubSubGuardStateCache.class));
	}

	@Test
	void autoConfigurationWhenEventsDisabledThenNoDenialEvents() {
		this.contextRunner.withPropertyValues(properties("https://localhost:8443")).run((context) -> {
			assertThat(context).hasSingleBean(io.keyfleet.guard.events.DenialEvents.class);
			assertThat(context.getBean(KeyfleetGuardProperties.class).events().maxLength()).isEqualTo(1_000_000);
		});
		this.contextRunner.withPropertyValues(properties("https://localhost:8443"))
			.withPropertyValues("keyfleet.guard.events.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(io.keyfleet.guard.events.DenialEvents.class);
				assertThat(context).hasSingleBean(io.keyfleet.guard.web.GuardAuthenticationEntryPoint.class);
			});
	}

	@Test
	void autoConfigurationWhenAudienceMissingThenFailsToStart() {
		this.contextRunner
			.withPropertyValues("keyfleet.guard.issuer-uri=https://localhost:8443",
					"keyfleet.guard.redis.url=" + TestRedis.url())
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("keyfleet.guard")
				.hasMessageContaining("audience"));
	}

	@Test
	void autoConfigurationWhenRedisUrlMissingThenFailsToStart() {
		this.contextRunner
			.withPropertyValues("keyfleet.guard.issuer-uri=https://localhost:8443",
					"keyfleet.guard.audience=" + TestAccessTokens.AUDIENCE)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("keyfleet.guard")
				.hasMessageContaining("redis.url"));
	}

	@Test
	void securityFilterChainWhenApplicationDeclaresNoneThenGuardsDefault() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(KeyfleetGuardWebSecurityAutoConfiguration.class,
					SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class))
			.withPropertyValues(properties("https://localhost:8443"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBeanNamesForType(SecurityFilterChain.class))
					.containsExactly("keyfleetGuardSecurityFilterChain");
			});
	}

	@Test
	void jwtDecoderWhenBootResourceServerAlsoConfiguredThenGuardDecoderIsUsed() {
		// Boot's decoder would refuse typ at+jwt and ignore aud: only the guard's accepts
		// this token, and only the guard's refuses the wrong audience
		this.contextRunner.withPropertyValues(properties(jwks.issuer()))
			.withPropertyValues("spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + jwks.jwkSetUri(),
					"spring.security.oauth2.resourceserver.jwt.jws-algorithms=ES256")
			.run((context) -> {
				awaitStateStore(context);
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
			.withPropertyValues(properties("https://localhost:8443"))
			.run((context) -> {
				assertThat(context).hasSingleBean(JwtDecoder.class);
				assertThat(context.getBeanNamesForType(JwtDecoder.class)).containsExactly("customJwtDecoder");
				assertThat(context).hasSingleBean(KeyfleetGuardProperties.class);
			});
	}

	@Test
	void guardStateCacheIsConditionalOnMissingBean() {
		this.contextRunner.withUserConfiguration(CustomStateConfiguration.class)
			.withPropertyValues(properties("https://localhost:8443"))
			.run((context) -> assertThat(context.getBeanNamesForType(GuardStateCache.class))
				.containsExactly("customState"));
	}

	@Test
	void jwtDecoderWhenTokenValidatorBeanThenAppliesItAfterTheGuardsOwn() {
		this.contextRunner.withUserConfiguration(RevokedTokenValidatorConfiguration.class)
			.withPropertyValues(properties(jwks.issuer()))
			.run((context) -> {
				awaitStateStore(context);
				JwtDecoder decoder = context.getBean(JwtDecoder.class);
				String live = TestAccessTokens.sign(signingKey, TestAccessTokens.header(signingKey),
						TestAccessTokens.claims(jwks.issuer()));
				String revoked = TestAccessTokens.sign(signingKey, TestAccessTokens.header(signingKey),
						TestAccessTokens.claims(jwks.issuer()).claim("custom", "revoked"));
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
			.withPropertyValues(properties(jwks.issuer()))
			.run((context) -> {
				awaitStateStore(context);
				String token = TestAccessTokens.sign(signingKey, TestAccessTokens.header(signingKey),
						TestAccessTokens.claims(jwks.issuer()));
				assertThat(context.getBean(JwtDecoder.class).decode(token).getSubject()).isEqualTo("dev-1");
			});
	}

	private static String[] properties(String issuer) {
		return new String[] { "keyfleet.guard.issuer-uri=" + issuer, "keyfleet.guard.audience=" + TestAccessTokens.AUDIENCE,
				"keyfleet.guard.redis.url=" + TestRedis.url(), "keyfleet.guard.redis.key-prefix=" + TestRedis.prefix() };
	}

	private static void awaitStateStore(AssertableWebApplicationContext context) {
		GuardStateCache state = context.getBean(GuardStateCache.class);
		long deadline = System.nanoTime() + 5_000_000_000L;
		while (!state.isAvailable() && System.nanoTime() < deadline) {
			LockSupport.parkNanos(5_000_000);
		}
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
	static class CustomStateConfiguration {

		@Bean
		GuardStateCache customState() {
			return new GuardStateCache() {
				@Override
				public String get(String key) {
					return null;
				}

				@Override
				public boolean isAvailable() {
					return true;
				}

				@Override
				public long loads() {
					return 0;
				}

				@Override
				public void close() {
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RevokedTokenValidatorConfiguration {

		@Bean
		OAuth2TokenValidator<Jwt> revokedTokenValidator() {
			return (jwt) -> "revoked".equals(jwt.getClaimAsString("custom"))
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
