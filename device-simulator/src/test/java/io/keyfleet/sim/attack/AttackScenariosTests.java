package io.keyfleet.sim.attack;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AttackScenariosTests {

	@Test
	void allWhenListedThenEveryScenarioOfTheIssueOnceInOrder() {
		assertThat(AttackScenarios.names()).doesNotHaveDuplicates()
			.startsWith("assertion-replay", "alg-none", "algorithm-confusion", "expired-assertion", "wrong-audience",
					"another-devices-key", "stolen-token", "scope-escalation", "resource-escalation", "stolen-bound-token-mtls",
					"stolen-bound-token-dpop", "dpop-proof-replay", "forged-client-cert-header", "use-after-revoke",
					"another-devices-config", "brute-force-secret");
	}

	@Test
	void allWhenListedThenEveryAttestationScenarioInOrder() {
		assertThat(AttackScenarios.names()).containsSubsequence("evidence-replay", "wrong-nonce", "debug-enabled",
				"tampered-measurement", "firmware-below-minimum", "evidence-signed-by-another-device");
	}

	@Test
	void allWhenListedThenEveryAnomalyScenarioLastWithItsKind() {
		assertThat(AttackScenarios.names()).endsWith("clone", "stolen-credentials", "wrong-secret-burst",
				"firmware-change", "revoked-token-replay", "token-burst");
		assertThat(AttackScenarios.find("clone")).get()
			.satisfies((scenario) -> assertThat(scenario.expected()).contains("clone", "quarantined"));
		assertThat(AttackScenarios.find("stolen-credentials")).get()
			.satisfies((scenario) -> assertThat(scenario.expected()).contains("new_source").doesNotContain("quarantined"));
	}

	@Test
	void allWhenDescribedThenEveryScenarioHasADescriptionAndAnExpectation() {
		assertThat(AttackScenarios.all()).allSatisfy((scenario) -> {
			assertThat(scenario.description()).isNotBlank().doesNotContain("\n");
			assertThat(scenario.expected()).isNotBlank().doesNotContain("\n");
		});
	}

	@Test
	void findWhenKnownThenScenarioElseEmpty() {
		assertThat(AttackScenarios.find("alg-none")).get().isInstanceOf(AlgNoneScenario.class);
		assertThat(AttackScenarios.find("all")).isEmpty();
	}

}
