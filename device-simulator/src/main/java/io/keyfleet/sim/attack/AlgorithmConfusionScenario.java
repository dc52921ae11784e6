package io.keyfleet.sim.attack;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.SignedJWT;
import io.keyfleet.sim.ClientAuthMethod;
import io.keyfleet.sim.Pem;
import io.keyfleet.sim.SimException;

/**
 * The algorithm confusion attack: an assertion for a {@code private_key_jwt} device,
 * "signed" with HS256 using the device's <em>public</em> key, which anyone can know, as the
 * HMAC secret: once as its public JWK (JSON), once as its PEM. A server that picks the
 * verification algorithm from the JWT header would accept it. Expected: {@code 401
 * invalid_client} for both.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8725#section-2.1">RFC 8725 Section 2.1</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8725#section-3.1">RFC 8725 Section 3.1</a>
 */
final class AlgorithmConfusionScenario implements AttackScenario {

	@Override
	public String name() {
		return "algorithm-confusion";
	}

	@Override
	public String description() {
		return "sign an HS256 assertion with the device's public key (JWK, then PEM) as the HMAC secret";
	}

	@Override
	public String expected() {
		return Expectation.INVALID_CLIENT.describe() + " for both";
	}

	@Override
	public ScenarioResult run(AttackContext context) {
		AttackDevice victim = context.register("alg-confusion", ClientAuthMethod.PRIVATE_KEY_JWT);
		String jwkSecret = victim.publicJwk().toPublicJWK().toJSONString();
		String pemSecret = Pem.encodePublicKey(victim.keyPair().getPublic());
		return ScenarioResult.combine(name(), expected(), List.of(
				attempt(context, victim, jwkSecret, "HS256 keyed with the public JWK"),
				attempt(context, victim, pemSecret, "HS256 keyed with the public key PEM")));
	}

	private ScenarioResult attempt(AttackContext context, AttackDevice victim, String secret, String what) {
		try {
			SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(victim.keyId()).build(),
					context.claims(victim.id()).build());
			forged.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
			return Expectation.INVALID_CLIENT.judge(name(), what,
					context.tokenWithAssertion(forged.serialize(), Map.of()));
		}
		catch (JOSEException ex) {
			throw new SimException("cannot forge the HS256 assertion: " + ex.getMessage(), ex);
		}
	}

}
