package io.keyfleet.sim.attest;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The expected digests are copied from config/policies/KF-SIM-1.json: a simulated device on
 * an approved firmware must measure exactly what that policy allows.
 */
class MeasurementsTests {

	@Test
	void digestWhenApprovedFirmwareThenTheGoldenValuesOfKfSim1() {
		assertThat(Measurements.digest("bootloader", "2.5.0"))
			.isEqualTo("sha-256:4d37692738e2039c3056b8e7fd7a76474ebf747be311503a0fa692b2922b2f58");
		assertThat(Measurements.digest("kernel", "2.5.0"))
			.isEqualTo("sha-256:59f1cc4c7ed54d0d8478314a9b9a49d5b98df0444eab7637ea133e4bbb54575b");
		assertThat(Measurements.digest("bootloader", "2.4.0"))
			.isEqualTo("sha-256:ce32928aeacd5839707a8ddacbe133a4211e1e8085270d4af531ffa7f6370b04");
		assertThat(Measurements.digest("kernel", "2.4.0"))
			.isEqualTo("sha-256:0194b911499f5eee8ad33f6dcc926869bc79e2933d97fbaf14dad9f3272d0957");
	}

	@Test
	void ofWhenKernelTamperedThenOnlyTheKernelDiffersFromTheGoldenValue() {
		assertThat(Measurements.of("2.5.0", Set.of("kernel"))).containsExactly(
				org.assertj.core.api.Assertions.entry("bootloader", Measurements.digest("bootloader", "2.5.0")),
				org.assertj.core.api.Assertions.entry("kernel", Measurements.digest("kernel", "2.5.0-tampered")));
		assertThat(Measurements.digest("kernel", "2.5.0-tampered")).isNotEqualTo(Measurements.digest("kernel", "2.5.0"));
	}

}
