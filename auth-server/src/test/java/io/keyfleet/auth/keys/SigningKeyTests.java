package io.keyfleet.auth.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.util.Base64URL;

import org.junit.jupiter.api.Test;

/** A token-signing key from a file: ES256 only, R||S signatures (RFC 7518 §3.4). */
class SigningKeyTests {

	@Test
	void ofWhenP256ThenSignsRawRsThatVerifies() throws Exception {
		SigningKey key = SigningKey.of(ec("secp256r1"));
		byte[] input = "header.payload".getBytes(StandardCharsets.US_ASCII);
		JWSHeader header = new JWSHeader(key.algorithm());

		Base64URL signature = key.signer().sign(header, input);

		assertThat(signature.decode()).hasSize(64);
		assertThat(new ECDSAVerifier(key.publicJwk()).verify(header, input, signature)).isTrue();
	}

	@Test
	void ofWhenAnotherCurveThenRefused() throws Exception {
		KeyPair p384 = ec("secp384r1");

		assertThatIllegalArgumentException().isThrownBy(() -> SigningKey.of(p384))
			.withMessage("the token-signing key must be an EC P-256 key (ES256)");
	}

	private static KeyPair ec(String curve) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec(curve));
		return generator.generateKeyPair();
	}

}
