package io.keyfleet.auth.keys;

import java.nio.file.Path;

import jakarta.validation.Valid;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Key material ({@code keyfleet.keys.*}). Dev mode points both at generated files under
 * the data directory; production mode must configure them and refuses to start without.
 *
 * @param signingKey PEM file with the ES256 (P-256) token-signing key
 * @param kek file with the base64 256-bit AES key-encryption key that protects stored
 * {@code client_secret_jwt} keys
 * @param pkcs11 the token-signing key in a PKCS#11 token instead of {@code signingKey}
 */
@Validated
@ConfigurationProperties("keyfleet.keys")
public record KeyProperties(Path signingKey, Path kek, @Valid Pkcs11Properties pkcs11) {

}
