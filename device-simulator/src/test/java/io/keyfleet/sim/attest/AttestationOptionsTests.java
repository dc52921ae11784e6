package io.keyfleet.sim.attest;

import java.util.Set;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AttestationOptionsTests {

	@Test
	void specWhenNoAttestationThenNoneWhateverElseIsGiven() {
		assertThat(parse("--firmware", "2.4.0").spec("KF-SIM-1")).isEmpty();
	}

	@Test
	void specWhenOnlyAttestationEatThenHealthyDeviceOfTheModel() {
		assertThat(parse("--attestation", "eat").spec("KF-X")).contains(EatDeviceSpec.healthy("KF-X"));
	}

	@Test
	void specWhenStateGivenThenReportedAsGiven() {
		EatDeviceSpec spec = parse("--attestation", "eat", "--firmware", "2.4.0", "--debug", "enabled",
				"--secure-boot", "false", "--tamper", "kernel", "--swname", "other-os").spec("KF-SIM-1").orElseThrow();

		assertThat(spec).isEqualTo(new EatDeviceSpec("KF-SIM-1", "other-os", "2.4.0", "enabled", false, Set.of("kernel")));
	}

	@Test
	void specWhenUnknownFormatDebugStateOrComponentThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> parse("--attestation", "tpm").spec("KF-SIM-1"))
			.withMessageContaining("--attestation must be eat or tpm2-quote");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> parse("--attestation", "eat", "--debug", "on").spec("KF-SIM-1"))
			.withMessageContaining("--debug");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> parse("--attestation", "eat", "--tamper", "bios").spec("KF-SIM-1"))
			.withMessageContaining("--tamper");
	}

	private static AttestationOptions parse(String... args) {
		Holder holder = new Holder();
		new CommandLine(holder).parseArgs(args);
		return holder.options;
	}

	@Command(name = "holder")
	static final class Holder {

		@Mixin
		AttestationOptions options;

	}

}
