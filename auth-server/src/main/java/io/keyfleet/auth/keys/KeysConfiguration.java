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
 * ({@code keyfleet.keys.*}); dev mode configures them with files it generated. The
 * signing key comes from a PKCS#11 token when {@code keyfleet.keys.pkcs11.*} is set, and
 * from the {@code keyfleet.keys.signing-key} file otherwise.
 */
@Configuration(proxyBeanMethods = false)
public class KeysConfiguration {

	@Bean
	SigningKeys signingKeys(KeyProperties properties) {
		SigningKey key = (properties.pkcs11() != null) ? Pkcs11SigningKey.load(properties.pkcs11())
				: SigningKey.of(Pem.readKeyPair(read(properties.signingKey(), "keyfleet.keys.signing-key")));
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
