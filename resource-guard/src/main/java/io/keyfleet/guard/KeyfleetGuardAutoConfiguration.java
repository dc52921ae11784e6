package io.keyfleet.guard;

import io.lettuce.core.RedisClient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Auto-configuration of the Keyfleet resource guard: active once
 * {@code keyfleet.guard.issuer-uri} is set, and ordered before Spring Boot's own
 * resource-server auto-configuration so that the guard's {@link JwtDecoder} and default
 * security filter chain are the ones in use (Boot's back off from them).
 *
 * @see KeyfleetGuardProperties
 * @see AccessTokenDecoderConfiguration
 * @see GuardStateConfiguration
 * @see GuardDPoPConfiguration
 * @see GuardWebConfiguration
 */
@AutoConfiguration(before = OAuth2ResourceServerAutoConfiguration.class)
@ConditionalOnClass({ JwtDecoder.class, BearerTokenAuthenticationToken.class, RedisClient.class })
@ConditionalOnProperty("keyfleet.guard.issuer-uri")
@EnableConfigurationProperties(KeyfleetGuardProperties.class)
@Import({ AccessTokenDecoderConfiguration.class, GuardStateConfiguration.class, GuardDPoPConfiguration.class,
		GuardWebConfiguration.class })
public final class KeyfleetGuardAutoConfiguration {

}
