package io.keyfleet.sim.attack;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The catalog of attack scenarios, in the order {@code attack all} runs them. A new
 * defence adds its scenario here: one class, one line.
 */
public final class AttackScenarios {

	private static final List<AttackScenario> ALL = Stream.concat(Stream.<AttackScenario>of(
			new AssertionReplayScenario(), new AlgNoneScenario(), new AlgorithmConfusionScenario(),
			new ExpiredAssertionScenario(), new WrongAudienceScenario(),
			new AnotherDevicesKeyScenario(), new StolenTokenScenario(), new ScopeEscalationScenario(),
			new ResourceEscalationScenario(),
			// at the resource server (--resource-server): bound, replayed and dead tokens
			new StolenBoundTokenMtlsScenario(), new StolenBoundTokenDpopScenario(), new DpopProofReplayScenario(),
			new ForgedClientCertHeaderScenario(), new UseAfterRevokeScenario(), new AnotherDevicesConfigScenario(),
			new BruteForceSecretScenario(),
			// device attestation (CONTRACT "Device attestation", "Appraisal policy")
			new EvidenceReplayScenario(), new WrongNonceScenario(), new DebugEnabledScenario(),
			new TamperedMeasurementScenario(), new FirmwareBelowMinimumScenario(), new ForeignEvidenceScenario(),
			// device PKI: EST enrollment and certificate revocation (CONTRACT "Device PKI")
			new EnrollmentTokenReuseScenario(), new CsrForAnotherDeviceScenario(), new RevokedCertificateScenario()),
			// anomaly detection (CONTRACT "Provisioning, lifecycle and anomalies"): noticed, not refused
			DetectionScenario.all().stream())
		.toList();

	private AttackScenarios() {
	}

	/**
	 * @return every scenario
	 */
	public static List<AttackScenario> all() {
		return ALL;
	}

	/**
	 * @param name a scenario's name
	 * @return the scenario
	 */
	public static Optional<AttackScenario> find(String name) {
		return ALL.stream().filter((scenario) -> scenario.name().equals(name)).findFirst();
	}

	/**
	 * @return the names, for help and completion
	 */
	public static List<String> names() {
		return ALL.stream().map(AttackScenario::name).toList();
	}

}
