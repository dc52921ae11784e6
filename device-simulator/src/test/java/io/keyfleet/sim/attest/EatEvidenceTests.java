package io.keyfleet.sim.attest;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.keyfleet.sim.EcKeys;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EatEvidenceTests {

	private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

	private final KeyPair keyPair = EcKeys.generate();

	private final AttestationKey key = AttestationKey.of(this.keyPair);

	@Test
	void signWhenHealthyDeviceThenEatJwtSignedWithTheAttestationKey() throws Exception {
		EatProfile profile = EatDeviceSpec.healthy("KF-SIM-1").profile(Ueid.random());

		SignedJWT eat = SignedJWT.parse(new EatEvidence(this.key, profile).sign("the-challenge", NOW));

		assertThat(eat.getHeader().getType()).isEqualTo(EatEvidence.EAT_JWT);
		assertThat(eat.getHeader().getType().getType()).isEqualTo("eat+jwt");
		assertThat(eat.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
		assertThat(eat.getHeader().getKeyID()).isEqualTo(AttestationKey.publicJwk(this.keyPair).getKeyID());
		assertThat(eat.verify(new ECDSAVerifier((ECPublicKey) this.keyPair.getPublic()))).isTrue();
		assertThat(eat.verify(new ECDSAVerifier((ECPublicKey) EcKeys.generate().getPublic()))).isFalse();
	}

	@Test
	void claimsWhenHealthyDeviceThenRfc9711JsonEncodingsAndGoldenMeasurements() throws Exception {
		String ueid = Ueid.random();
		EatProfile profile = EatDeviceSpec.healthy("KF-SIM-1").profile(ueid);

		Map<String, Object> claims = SignedJWT.parse(new EatEvidence(this.key, profile).sign("the-challenge", NOW))
			.getJWTClaimsSet()
			.toJSONObject();

		assertThat(claims).containsEntry("eat_nonce", "the-challenge")
			.containsEntry("ueid", ueid)
			.containsEntry("hwmodel",
					Base64.getUrlEncoder().withoutPadding().encodeToString("KF-SIM-1".getBytes(StandardCharsets.UTF_8)))
			.containsEntry("swname", "keyfleet-sim-os")
			.containsEntry("swversion", List.of("2.5.0"))
			.containsEntry("dbgstat", "disabled")
			.containsEntry("secboot", true)
			.containsEntry("iat", NOW.getEpochSecond());
		assertThat(claims.get("kf_measurements")).isEqualTo(List.of(
				Map.of("component", "bootloader", "digest",
						"sha-256:4d37692738e2039c3056b8e7fd7a76474ebf747be311503a0fa692b2922b2f58"),
				Map.of("component", "kernel", "digest",
						"sha-256:59f1cc4c7ed54d0d8478314a9b9a49d5b98df0444eab7637ea133e4bbb54575b")));
	}

	@Test
	void claimsWhenDeviceStateConfiguredThenReportedAsConfigured() {
		EatDeviceSpec spec = new EatDeviceSpec("KF-SIM-1", "keyfleet-sim-os", "2.4.0", "enabled", false,
				Set.of("bootloader"));

		Map<String, Object> claims = new EatEvidence(this.key, spec.profile(Ueid.random())).claims("n", NOW)
			.toJSONObject();

		assertThat(claims).containsEntry("swversion", List.of("2.4.0"))
			.containsEntry("dbgstat", "enabled")
			.containsEntry("secboot", false);
		assertThat(claims.get("kf_measurements").toString()).contains(Measurements.digest("bootloader", "2.4.0-tampered"),
				Measurements.digest("kernel", "2.4.0"));
	}

	@Test
	void randomUeidWhenDecodedThenTypeRandAnd32RandomBytes() {
		byte[] first = Base64.getUrlDecoder().decode(Ueid.random());

		assertThat(first).hasSize(33);
		assertThat(first[0]).isEqualTo(Ueid.TYPE_RAND);
		assertThat(Ueid.random()).isNotEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(first));
	}

}
