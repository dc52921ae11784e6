package io.keyfleet.guard;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * The guard's {@link JwtDecoder}, unless the application defines its own. Every
 * {@code OAuth2TokenValidator<Jwt>} bean in the context is applied after the RFC 9068
 * checks, so further checks (revocation, device standing, ...) plug in as beans.
 */
@Configuration(proxyBeanMethods = false)
class AccessTokenDecoderConfiguration {

	@Bean
	@ConditionalOnMissingBean(JwtDecoder.class)
	JwtDecoder jwtDecoder(KeyfleetGuardProperties properties,
			ObjectProvider<OAuth2TokenValidator<Jwt>> additionalValidators) {
		return AccessTokenDecoders.fromProperties(properties, additionalValidators.orderedStream().toList());
	}

}
