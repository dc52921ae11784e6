package io.keyfleet.auth.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.charset.StandardCharsets;
import java.security.Signature;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The token-signing key in a real SoftHSM2 token ({@link SoftHsm}): loaded as a handle,
 * signatures made in the token in the R||S form of RFC 7518 §3.4, verifiable with the
 * token's public key; the PIN in no message.
 */
class Pkcs11SigningKeyTests {

	private static SoftHsm hsm;

	private static SigningKey key;

	@BeforeAll
	static void load() {
		hsm = SoftHsm.token();
		key = Pkcs11SigningKey.load(hsm.properties());
	}

	@Test
	void loadWhenKeyInTokenThenPrivateKeyIsAHandleAndPublicJwkIsTheTokensPublicKey() throws Exception {
		assertThat(((ECDSASigner) key.signer()).getPrivateKey().getEncoded())
			.as("a sensitive token key is never extracted")
			.isNull();
		assertThat(key.publicJwk().toECPublicKey().getEncoded()).isEqualTo(hsm.publicKey().getEncoded());
		assertThat(key.kid())
			.isEqualTo(new ECKey.Builder(Curve.P_256, hsm.publicKey()).build().computeThumbprint().toString());
	}

	@Test
	void signWhenInTokenThenSignatureIsRawRsOf64BytesAndVerifiesWithTheTokensPublicKey() throws Exception {
		byte[] input = "header.payload".getBytes(StandardCharsets.US_ASCII);
		JWSHeader header = new JWSHeader(key.algorithm());

		Base64URL signature = key.signer().sign(header, input);

		assertThat(signature.decode()).hasSize(64);
		assertThat(new ECDSAVerifier(hsm.publicKey()).verify(header, input, signature)).isTrue();
		// and independently of Nimbus: the DER form verifies on the JDK's SunEC
		Signature jdk = Signature.getInstance("SHA256withECDSA", "SunEC");
		jdk.initVerify(hsm.publicKey());
		jdk.update(input);
		assertThat(jdk.verify(ECDSA.transcodeSignatureToDER(signature.decode()))).isTrue();
	}

	@Test
	void loadWhenWrongPinThenRefusedWithoutShowingThePin() {
		String wrong = "wrong-" + SoftHsm.sparePin();
		Pkcs11Properties properties = new Pkcs11Properties(hsm.library(), hsm.spareSlot(), 0, wrong,
				SoftHsm.KEY_LABEL);

		assertThatIllegalStateException().isThrownBy(() -> Pkcs11SigningKey.load(properties))
			.withMessageContaining("cannot log in")
			.withMessageNotContaining(wrong)
			.satisfies(ex -> assertThat(properties.toString()).doesNotContain(wrong));
	}

	@Test
	void loadWhenNoKeyWithTheLabelThenRefused() {
		Pkcs11Properties properties = new Pkcs11Properties(hsm.library(), hsm.slot(), 0, hsm.pin(), "no-such-key");

		assertThatIllegalStateException().isThrownBy(() -> Pkcs11SigningKey.load(properties))
			.withMessageContaining("no certificate")
			.withMessageContaining("no-such-key");
	}

}
