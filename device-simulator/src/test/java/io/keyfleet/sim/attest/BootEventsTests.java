package io.keyfleet.sim.attest;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BootEventsTests {

	/** config/policies/KF-SIM-1.json, tpm2_quote: the golden values of shared/fixtures/tpm. */
	private static final Map<String, String> GOLDEN = Map.of(
			"0", "745a617826a63d8ef422fbf38aaff5b1db324d66926222441e3914f3a28d7a70",
			"1", "b13b8968196e7a626484a9521e15950e210730ade50a3a7442132d36f773216b",
			"2", "a1e871210fb37cff40f2a13240e86e620225087d429c4d173700b46f8cf73dfd",
			"3", "0000000000000000000000000000000000000000000000000000000000000000",
			"4", "6a74abb0f5bd5aabd8c4068616749a948856be09a409145e955c0603d76758df",
			"5", "0000000000000000000000000000000000000000000000000000000000000000",
			"6", "0000000000000000000000000000000000000000000000000000000000000000",
			"7", "62f8d2f02b56e0e6c2868f12299ad4c2dd9a6dec6f671ef4dfa28e8bbf59f7e9");

	@Test
	void pcrsWhenHealthyBootThenTheGoldenValues() {
		assertThat(BootEvents.pcrs(BootEvents.of(true, Set.of()))).isEqualTo(GOLDEN);
	}

	@Test
	void pcrsWhenBootloaderTamperedThenOnlyPcr4Differs() {
		Map<String, String> pcrs = BootEvents.pcrs(BootEvents.of(true, Set.of("bootloader")));

		assertThat(pcrs.get("4")).isNotEqualTo(GOLDEN.get("4"));
		pcrs.remove("4");
		assertThat(GOLDEN).containsAllEntriesOf(pcrs);
	}

	@Test
	void pcrsWhenSecureBootOffThenPcr7IsNotTheGoldenValue() {
		assertThat(BootEvents.pcrs(BootEvents.of(false, Set.of())).get("7")).isNotEqualTo(GOLDEN.get("7"));
	}

}
