package io.keyfleet.auth.revocation;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;

import io.keyfleet.auth.KeyfleetServerProperties;
import io.keyfleet.auth.client.ResolvedClientCache;
import io.keyfleet.auth.keys.SigningKeys;
import io.keyfleet.auth.store.StateStore;
import io.keyfleet.auth.token.IssuedTokenDecoders;

/** Revocation state and the stateless authorization service built on it. */
@Configuration(proxyBeanMethods = false)
public class RevocationConfiguration {

	@Bean
	RevokedTokens revokedTokens(StateStore store, Clock clock) {
		return new RevokedTokens(store, clock);
	}

	@Bean
	TokenStanding tokenStanding(RevokedTokens revoked, ResolvedClientCache clients) {
		return new TokenStanding(revoked, clients);
	}

	@Bean
	StatelessAuthorizationService authorizationService(SigningKeys keys, KeyfleetServerProperties server,
			ResolvedClientCache clients, TokenStanding standing, RevokedTokens revoked) {
		return new StatelessAuthorizationService(
				IssuedTokenDecoders.create(keys, new JwtIssuerValidator(server.issuerUrl())), clients, standing,
				revoked);
	}

}
