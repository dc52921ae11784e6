package io.keyfleet.guard;

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
 * resource-server auto-configuration so that the guard's {@link JwtDecoder} is the one in
 * use (Boot's backs off from it, and Boot's default web security then applies it).
 *
 * @see KeyfleetGuardProperties
 * @see AccessTokenDecoderConfiguration
 */
@AutoConfiguration(before = OAuth2ResourceServerAutoConfiguration.class)
@ConditionalOnClass({ JwtDecoder.class, BearerTokenAuthenticationToken.class })
@ConditionalOnProperty("keyfleet.guard.issuer-uri")
@EnableConfigurationProperties(KeyfleetGuardProperties.class)
@Import(AccessTokenDecoderConfiguration.class)
public final class KeyfleetGuardAutoConfiguration {

}
