package io.keyfleet.auth.attestation;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which formats a device may attest with: the ones it lists; without a list, only those
 * whose key it registered — never an external verifier's result, which carries no
 * signature of the device.
 */
class DeviceAttestationTests {

	private static final Map<String, Object> EAT_KEY = Map.of("kty", "EC");

	@Test
	void allowsWhenFormatsListedThenExactlyThose() {
		DeviceAttestation device = new DeviceAttestation("d", "M", true, List.of("ear"), EAT_KEY, null, "AQID");

		assertThat(device.allows("ear")).isTrue();
		assertThat(device.allows("eat")).isFalse();
	}

	@Test
	void allowsWhenNoFormatsListedThenOnlyTheFormatsOfItsRegisteredKeys() {
		DeviceAttestation eatOnly = new DeviceAttestation("d", "M", true, List.of(), EAT_KEY, null, "AQID");
		DeviceAttestation tpmOnly = new DeviceAttestation("d", "M", true, List.of(), null, "-----BEGIN PUBLIC KEY-----", null);

		assertThat(eatOnly.allows("eat")).isTrue();
		assertThat(eatOnly.allows("tpm2-quote")).isFalse();
		assertThat(eatOnly.allows("ear")).isFalse();
		assertThat(tpmOnly.allows("tpm2-quote")).isTrue();
		assertThat(tpmOnly.allows("ear")).isFalse();
	}

}
