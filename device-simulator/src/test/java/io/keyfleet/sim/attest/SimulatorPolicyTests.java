package io.keyfleet.sim.attest;

import java.nio.file.Files;
import java.nio.file.Path;

import io.keyfleet.sim.JsonOutput;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The policy the attacks and tests put must appraise exactly as the repository's seeded
 * KF-SIM-1 policy does, so that a verdict also holds for a server seeded from config/policies.
 */
class SimulatorPolicyTests {

	@Test
	void forModelWhenKfSim1ThenTheSeededPolicyFile() throws Exception {
		var seeded = JsonOutput.parse(Files.readString(Path.of("..", "config", "policies", "KF-SIM-1.json")));

		var policy = SimulatorPolicy.forModel("KF-SIM-1");

		assertThat(policy.get("model").asString()).isEqualTo("KF-SIM-1");
		assertThat(policy.get("max_age_seconds")).isEqualTo(seeded.get("max_age_seconds"));
		assertThat(policy.get("eat")).isEqualTo(seeded.get("eat"));
		assertThat(policy.get("tpm2_quote")).isEqualTo(seeded.get("tpm2_quote"));
		assertThat(policy).isEqualTo(seeded);
	}

}
