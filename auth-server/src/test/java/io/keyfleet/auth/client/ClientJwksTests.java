package io.keyfleet.auth.client;

import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClientJwksTests {

	@Test
	void parseWhenEcP256ThenEs256KeyOfTheFastEcdsaProvider() throws Exception {
		ClientJwks jwks = ClientJwks.parse(set(ec(Curve.P_256, "secp256r1", "k1").toJSONObject()));

		assertThat(jwks.keys()).singleElement().satisfies(key -> {
			assertThat(key.kid()).isEqualTo("k1");
			assertThat(key.algorithms()).containsExactly(JWSAlgorithm.ES256);
			assertThat(key.publicKey().getClass().getName()).doesNotStartWith("sun.security");
		});
	}

	@Test
	void parseWhenPrivateKeyThenRefused() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		var pair = generator.generateKeyPair();
		ECKey withPrivate = new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic()).privateKey(pair.getPrivate())
			.build();

		assertThatIllegalArgumentException().isThrownBy(() -> ClientJwks.parse(set(withPrivate.toJSONObject())))
			.withMessageContaining("public keys only");
	}

	@Test
	void parseWhenOtherCurveOrShortRsaThenRefused() throws Exception {
		KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
		rsa.initialize(1024);
		RSAKey shortRsa = new RSAKey.Builder((RSAPublicKey) rsa.generateKeyPair().getPublic()).keyID("r").build();

		assertThatIllegalArgumentException()
			.isThrownBy(() -> ClientJwks.parse(set(ec(Curve.P_384, "secp384r1", "p384").toJSONObject())))
			.withMessageContaining("P-256");
		assertThatIllegalArgumentException().isThrownBy(() -> ClientJwks.parse(set(shortRsa.toJSONObject())))
			.withMessageContaining("2048");
	}

	@Test
	void parseWhenDeclaredAlgDoesNotFitTheKeyThenRefused() throws Exception {
		Map<String, Object> key = new java.util.HashMap<>(ec(Curve.P_256, "secp256r1", "k1").toJSONObject());
		key.put("alg", "HS256");

		assertThatIllegalArgumentException().isThrownBy(() -> ClientJwks.parse(set(key)));
	}

	@Test
	void parseWhenDuplicateKidOrEmptyThenRefused() throws Exception {
		Map<String, Object> a = ec(Curve.P_256, "secp256r1", "same").toJSONObject();
		Map<String, Object> b = ec(Curve.P_256, "secp256r1", "same").toJSONObject();

		assertThatIllegalArgumentException().isThrownBy(() -> ClientJwks.parse(Map.of("keys", List.of(a, b))))
			.withMessageContaining("duplicate kid");
		assertThatIllegalArgumentException().isThrownBy(() -> ClientJwks.parse(Map.of("keys", List.of())));
		assertThatIllegalArgumentException().isThrownBy(() -> ClientJwks.parse(null));
	}

	private static ECKey ec(Curve curve, String name, String kid) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec(name));
		return new ECKey.Builder(curve, (ECPublicKey) generator.generateKeyPair().getPublic()).keyID(kid).build();
	}

	private static Map<String, Object> set(Map<String, Object> key) {
		return Map.of("keys", List.of(key));
	}

}
