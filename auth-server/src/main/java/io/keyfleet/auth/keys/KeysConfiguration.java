package io.keyfleet.auth.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtEncoder;

/**
 * Loads the token-signing key and the key-encryption key. Both must be configured
 * ({@code keyfleet.keys.*}); dev mode configures them with files it generated.
 */
@Configuration(proxyBeanMethods = false)
public class KeysConfiguration {

	@Bean
	SigningKeys signingKeys(KeyProperties properties) {
		String pem = read(properties.signingKey(), "keyfleet.keys.signing-key");
		SigningKey key = SigningKey.of(Pem.readKeyPair(pem));
		return new SigningKeys(key, List.of(key));
	}

	@Bean
	KeyEncryptionKey keyEncryptionKey(KeyProperties properties) {
		return KeyEncryptionKey.fromBase64(read(properties.kek(), "keyfleet.keys.kek"));
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
