package io.keyfleet.auth.clientauth;

import org.springframework.security.crypto.password.PasswordEncoder;

import io.keyfleet.auth.client.ClientSecrets;

/**
 * How Spring's {@code ClientSecretAuthenticationProvider} compares a
 * {@code client_secret_basic} secret: SHA-256 and a constant-time comparison with the
 * stored hash (see {@link ClientSecrets} for why not bcrypt).
 */
public final class HashedSecretPasswordEncoder implements PasswordEncoder {

	@Override
	public String encode(CharSequence rawPassword) {
		return ClientSecrets.hash(rawPassword.toString());
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		return rawPassword != null && ClientSecrets.matches(rawPassword.toString(), encodedPassword);
	}

	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		return false;
	}

}
