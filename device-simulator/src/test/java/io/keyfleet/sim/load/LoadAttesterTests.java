package io.keyfleet.sim.load;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.keyfleet.sim.ClientAuthMethod;
import io.keyfleet.sim.EcKeys;
import io.keyfleet.sim.EcdsaProvider;
import io.keyfleet.sim.Pem;
import io.keyfleet.sim.attest.AttestMode;
import io.keyfleet.sim.attest.AttestationKey;
import io.keyfleet.sim.attest.EatDevice;
import io.keyfleet.sim.attest.EatDeviceSpec;
import io.keyfleet.sim.attest.Ueid;
import io.keyfleet.sim.binding.Binding;
import io.keyfleet.sim.binding.DPoPProofs;
import io.keyfleet.sim.binding.DeviceBinding;
import io.keyfleet.sim.fleet.DeviceRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load generator's attested token requests: the evidence travels as the contract's form
 * parameters, over the challenge it was given, signed with the attestation key.
 */
class LoadAttesterTests {

	private static final URI TOKEN_ENDPOINT = URI.create("https://localhost:18443/oauth2/token");

	private final KeyPair clientKey = EcKeys.generate();

	private final KeyPair attestationKey = EcKeys.generate();

	@Test
	void writeTokenRequestWhenChallengeThenEatOverItBesidesTheClientAssertion() throws Exception {
		LoadDevice device = device(AttestMode.ALWAYS);

		Map<String, String> form = form(device, "the-challenge");

		assertThat(device.attestsAlways()).isTrue();
		assertThat(form).containsEntry("grant_type", "client_credentials")
			.containsEntry("attestation_format", "eat")
			.containsKey("client_assertion");
		SignedJWT eat = SignedJWT.parse(form.get("attestation_evidence"));
		assertThat(eat.verify(new ECDSAVerifier((ECPublicKey) this.attestationKey.getPublic()))).isTrue();
		assertThat(eat.getJWTClaimsSet().getStringClaim("eat_nonce")).isEqualTo("the-challenge");
		SignedJWT assertion = SignedJWT.parse(form.get("client_assertion"));
		assertThat(assertion.verify(new ECDSAVerifier((ECPublicKey) this.clientKey.getPublic()))).isTrue();
	}

	@Test
	void writeTokenRequestWhenNoChallengeThenNoEvidence() {
		LoadDevice device = device(AttestMode.WHEN_ASKED);

		Map<String, String> form = form(device, null);

		assertThat(device.attestsAlways()).isFalse();
		assertThat(form).doesNotContainKeys("attestation_format", "attestation_evidence").containsKey("client_assertion");
	}

	@Test
	void writeTokenRequestWhenDpopBindingAndChallengeThenProofHeaderAndEvidence() throws Exception {
		KeyPair dpopKey = EcKeys.generate();
		LoadDevice device = device(AttestMode.ALWAYS,
				new DeviceBinding(Binding.DPOP, null, new DPoPProofs(dpopKey, EcdsaProvider.PROVIDER)));

		AsciiBuffer request = new AsciiBuffer(16);
		device.writeTokenRequest(request, new AsciiBuffer(16), new JtiSource("r", 0), Instant.now().getEpochSecond(),
				"the-challenge");

		String proof = request.toString().lines().filter((line) -> line.startsWith("DPoP: ")).findFirst().orElseThrow();
		assertThat(SignedJWT.parse(proof.substring(6)).verify(new ECDSAVerifier((ECPublicKey) dpopKey.getPublic())))
			.isTrue();
		SignedJWT eat = SignedJWT.parse(form(device, "the-challenge").get("attestation_evidence"));
		assertThat(eat.getJWTClaimsSet().getStringClaim("eat_nonce")).isEqualTo("the-challenge");
	}

	private LoadDevice device(AttestMode mode) {
		return device(mode, DeviceBinding.NONE);
	}

	private LoadDevice device(AttestMode mode, DeviceBinding binding) {
		DeviceRecord record = new DeviceRecord("dev-1", ClientAuthMethod.PRIVATE_KEY_JWT, "KF-SIM-1", "k1",
				Pem.encodePrivateKey(this.clientKey.getPrivate()), null, List.of("telemetry:write"), List.of(),
				Instant.now());
		EatDevice attesting = new EatDevice("dev-1", EatDevice.EAT,
				AttestationKey.of(this.attestationKey), EatDeviceSpec.healthy("KF-SIM-1").profile(Ueid.random()));
		return new LoadDevice(new LoadSession.BoundDevice(record, binding, null), TOKEN_ENDPOINT, "",
				new LoadAttester(attesting.attester(), mode));
	}

	private static Map<String, String> form(LoadDevice device, String challenge) {
		AsciiBuffer request = new AsciiBuffer(16);
		device.writeTokenRequest(request, new AsciiBuffer(16), new JtiSource("r", 0), Instant.now().getEpochSecond(),
				challenge);
		String text = request.toString();
		String body = text.substring(text.indexOf("\r\n\r\n") + 4);
		assertThat(text).contains("Content-Length: " + body.length() + "\r\n");
		Map<String, String> form = new HashMap<>();
		for (String pair : body.split("&")) {
			String[] parts = pair.split("=", 2);
			assertThat(form.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
					URLDecoder.decode(parts[1], StandardCharsets.UTF_8))).as("parameter " + parts[0] + " once").isNull();
		}
		return form;
	}

}
