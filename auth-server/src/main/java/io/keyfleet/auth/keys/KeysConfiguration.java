package io.keyfleet.auth.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtEncoder;

import io.keyfleet.auth.KeyfleetServerProperties;
import io.keyfleet.auth.audit.AuditLog;
import io.keyfleet.auth.store.StateStore;
import io.keyfleet.auth.token.TokenProperties;

/**
 * Loads the key-encryption key and the token-signing keyring. Both keys must be configured
 * ({@code keyfleet.keys.*}); dev mode configures them with files it generated. The
 * configured signing key — from a PKCS#11 token when {@code keyfleet.keys.pkcs11.*} is
 * set, from the {@code keyfleet.keys.signing-key} file otherwise — seeds the issuer's
 * keyring in Redis the first time; from then on the keyring says which key signs
 * ({@link KeyRotation}).
 */
@Configuration(proxyBeanMethods = false)
public class KeysConfiguration {

	@Bean
	KeyEncryptionKey keyEncryptionKey(KeyProperties properties) {
		return KeyEncryptionKey.fromBase64(read(properties.kek(), "keyfleet.keys.kek"));
	}

	@Bean
	KeyringStore keyringStore(StateStore store, KeyfleetServerProperties server) {
		return new KeyringStore(store, server.issuerUrl());
	}

	@Bean
	KeyRotation keyRotation(KeyringStore keyring, KeyProperties properties, KeyEncryptionKey kek,
			RotationProperties rotation, TokenProperties tokens, Clock clock, AuditLog audit) {
		KeyVault vault = (properties.pkcs11() != null)
				? KeyVault.inToken(kek, Pkcs11Token.open(properties.pkcs11()), properties.pkcs11().keyLabel())
				: KeyVault.sealed(kek,
						Pem.readKeyPair(read(properties.signingKey(), "keyfleet.keys.signing-key")));
		// a retired key's last token: signed up to one check interval late by a node that
		// missed the notice, valid for the token lifetime, accepted with the clock skew
		Duration retention = tokens.accessTokenTtl().plus(tokens.clockSkew()).plus(rotation.checkInterval());
		return new KeyRotation(keyring, vault, rotation, retention, clock, audit);
	}

	/** Fails the start (fail closed) when the keyring cannot be read or a key does not open. */
	@Bean
	SigningKeys signingKeys(KeyRotation rotation) {
		return rotation.start();
	}

	@Bean
	KeyringWatcher keyringWatcher(StateStore store, KeyringStore keyring, KeyRotation rotation,
			SigningKeys signingKeys) {
		return new KeyringWatcher(store, keyring, rotation);
	}

	@Bean
	JwtEncoder jwtEncoder(SigningKeys keys) {
		return new KeyfleetJwtEncoder(keys);
	}

	@Bean
	JWKSource<SecurityContext> jwkSource(SigningKeys keys) {
		return new PublishedJwkSource(keys);
	}

	private static String read(Path file, String property) {
		if (file == null) {
			throw new IllegalStateException(property + " is not configured: production mode needs explicit keys"
					+ " (dev mode generates them); see docs/configuration.md");
		}
		try {
			return Files.readString(file, StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new IllegalStateException(property + ": cannot read " + file + ": " + ex.getMessage(), ex);
		}
	}

}
