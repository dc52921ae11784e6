package io.keyfleet.auth.attestation.policy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.keyfleet.auth.client.FieldError;
import io.keyfleet.auth.client.InvalidRegistrationException;

import static io.keyfleet.auth.attestation.policy.TestPolicies.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Appraisal policies (CONTRACT "Appraisal policy"; the reference values of RFC 9334 §3.3)
 * are read strictly — a typo must never silently drop a check — with every problem named
 * by its field, and written back in a normal form. Each refusal next to its allowed twin.
 */
class AppraisalPolicyJsonTests {

	private static final String HEX63 = "abcdef0123456789abcdef0123456789abcdef0123456789abcdef012345678";

	private static final String HEX64 = HEX63 + "9";

	@Test
	void readWhenValidThenEveryFieldRead() {
		AppraisalPolicy read = AppraisalPolicyJson.read(policy("KF-EDGE-100").json(), null);

		assertThat(read.model()).isEqualTo("KF-EDGE-100");
		assertThat(read.maxAge()).isEqualTo(3600);
		assertThat(read.eat()).isEqualTo(new AppraisalPolicy.Eat("keyfleet-edge-os", "2.4.0", "2.5.0", true,
				Map.of("bootloader", List.of(TestPolicies.BOOTLOADER), "kernel", List.of(TestPolicies.KERNEL))));
		assertThat(read.tpm2Quote().pcrs())
			.isEqualTo(Map.of("sha256", Map.of("0", TestPolicies.PCR0, "7", TestPolicies.PCR7)));
	}

	@Test
	void readWhenOnlyEatOrOnlyTpmThenRead() {
		assertThat(AppraisalPolicyJson.read(policy("M").remove("tpm2_quote").json(), null).tpm2Quote()).isNull();
		assertThat(AppraisalPolicyJson.read(policy("M").remove("eat").json(), null).eat()).isNull();
	}

	@Test
	void readWhenNeitherEatNorTpmThenRefused() {
		assertThat(fields(policy("M").remove("eat").remove("tpm2_quote").json())).containsExactly("body");
	}

	@Test
	void readWhenRolloutDeadlineIsRfc3339ThenKept() {
		AppraisalPolicy read = AppraisalPolicyJson
			.read(policy("M").set("eat.recommended_swversion_deadline", "2026-12-31T00:00:00Z").json(), null);

		assertThat(read.eat().recommendedSwversionDeadline()).isEqualTo("2026-12-31T00:00:00Z");
		assertThat(read.eat().deadline()).isEqualTo(java.time.Instant.parse("2026-12-31T00:00:00Z"));
		assertThat(AppraisalPolicyJson.write(read)).contains("\"recommended_swversion_deadline\":\"2026-12-31T00:00:00Z\"");
	}

	@Test
	void readWhenRolloutDeadlineMalformedThenRefusedByItsField() {
		for (String malformed : List.of("2026-12-31", "2026-12-31T00:00:00", "31.12.2026", "2026-13-01T00:00:00Z")) {
			assertThat(fields(policy("M").set("eat.recommended_swversion_deadline", malformed).json()))
				.as(malformed)
				.containsExactly("eat.recommended_swversion_deadline");
		}
		assertThat(fields(policy("M").set("eat.recommended_swversion_deadline", 1798675200).json()))
			.containsExactly("eat.recommended_swversion_deadline");
	}

	@Test
	void readWhenRolloutDeadlineWithoutRecommendedVersionThenRefused() {
		assertThat(errors(policy("M").remove("eat.recommended_swversion")
			.set("eat.recommended_swversion_deadline", "2026-12-31T00:00:00Z")
			.json())).containsExactly(
					new FieldError("eat.recommended_swversion_deadline", "needs a recommended_swversion"));
	}

	// strictness

	@Test
	void readWhenUnknownTopLevelFieldThenUnknownFieldNamed() {
		assertThat(errors(policy("M").set("max_age", 60).json()))
			.containsExactly(new FieldError("max_age", "unknown field"));
	}

	@Test
	void readWhenUnknownEatFieldThenUnknownFieldNamedWithItsPath() {
		// a typo of require_secboot would otherwise silently drop the secure boot check
		assertThat(errors(policy("M").set("eat.require_secure_boot", true).json()))
			.containsExactly(new FieldError("eat.require_secure_boot", "unknown field"));
	}

	@Test
	void readWhenUnknownTpmFieldThenUnknownFieldNamedWithItsPath() {
		assertThat(fields(policy("M").set("tpm2_quote.pcr", Map.of()).json())).containsExactly("tpm2_quote.pcr");
	}

	@Test
	void readWhenScalarOfAnotherTypeThenFieldNamedNotCoerced() {
		assertThat(fields(policy("M").set("max_age_seconds", "3600").json())).containsExactly("max_age_seconds");
		assertThat(fields(policy("M").set("max_age_seconds", 1.5).json())).containsExactly("max_age_seconds");
		assertThat(fields(policy("M").set("eat.require_secboot", "false").json())).containsExactly("eat.require_secboot");
		assertThat(fields(policy("M").set("eat.require_secboot", 0).json())).containsExactly("eat.require_secboot");
		assertThat(fields(policy("M").set("eat.swname", 5).json())).containsExactly("eat.swname");
	}

	@Test
	void readWhenScalarsOfTheirOwnTypeThenRead() {
		AppraisalPolicy read = AppraisalPolicyJson
			.read(policy("M").set("max_age_seconds", 60).set("eat.require_secboot", false).json(), null);

		assertThat(read.maxAge()).isEqualTo(60);
		assertThat(read.eat().requireSecboot()).isFalse();
	}

	@Test
	void readWhenWrongTypeThenFieldNamed() {
		assertThat(errors(policy("M").set("eat.measurements.kernel", TestPolicies.KERNEL).json()))
			.containsExactly(new FieldError("eat.measurements.kernel", "has the wrong type"));
		assertThat(fields(policy("M").set("eat", List.of()).json())).containsExactly("eat");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "", "[]", "null", "{", "{} {}", "\"policy\"" })
	void readWhenNotOneJsonObjectThenBody(String json) {
		assertThat(fields(json)).containsExactly("body");
	}

	// model

	@Test
	void readWhenModelMissingThenRefused() {
		assertThat(fields(policy("M").remove("model").json())).containsExactly("model");
	}

	@Test
	void readWhenModelMissingAndGivenByPathThenThePathModel() {
		assertThat(AppraisalPolicyJson.read(policy("M").remove("model").json(), "KF-EDGE-100").model())
			.isEqualTo("KF-EDGE-100");
	}

	@Test
	void readWhenModelIsThePathModelThenRead() {
		assertThat(AppraisalPolicyJson.read(policy("KF-EDGE-100").json(), "KF-EDGE-100").model())
			.isEqualTo("KF-EDGE-100");
	}

	@Test
	void readWhenModelIsNotThePathModelThenRefused() {
		assertThat(fields(policy("KF-SIM-1").json(), "KF-EDGE-100")).containsExactly("model");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "", "KF EDGE", "KF/EDGE", "KF-EDGE-100\n" })
	void readWhenModelHasBadCharactersThenRefused(String model) {
		assertThat(fields(policy(model).json())).containsExactly("model");
	}

	// max_age_seconds

	@ParameterizedTest(name = "{0}")
	@ValueSource(ints = { 0, 1, 3600, 30 * 24 * 3600 })
	void readWhenMaxAgeFromZeroTo30DaysThenRead(int seconds) {
		assertThat(AppraisalPolicyJson.read(policy("M").set("max_age_seconds", seconds).json(), null).maxAge())
			.isEqualTo(seconds);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(ints = { -1, Integer.MIN_VALUE, 30 * 24 * 3600 + 1, Integer.MAX_VALUE })
	void readWhenMaxAgeNegativeOrOver30DaysThenRefused(int seconds) {
		assertThat(fields(policy("M").set("max_age_seconds", seconds).json())).containsExactly("max_age_seconds");
	}

	@Test
	void readWhenMaxAgeAbsentThenOneHour() {
		AppraisalPolicy read = AppraisalPolicyJson.read(policy("M").remove("max_age_seconds").json(), null);
		assertThat(read.maxAgeSeconds()).isNull();
		assertThat(read.maxAge()).isEqualTo(AppraisalPolicy.DEFAULT_MAX_AGE_SECONDS);
	}

	@Test
	void readWhenMaxAgeBeyondIntegerRangeThenRefused() {
		assertThatExceptionOfType(InvalidRegistrationException.class)
			.isThrownBy(() -> AppraisalPolicyJson.read(policy("M").set("max_age_seconds", 99_999_999_999L).json(), null));
	}

	// digests

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "sha256:" + HEX64, "SHA-256:" + HEX64, "sha-512:" + HEX64, HEX64, "sha-256:",
			"sha-256: " + HEX64, "sha-256:" + HEX64 + " ", "sha-256:" + HEX63 + "g", "sha-256:" + HEX63,
			"sha-256:" + HEX64 + "0" })
	void readWhenDigestNotSha256With64HexDigitsThenTheComponentNamed(String digest) {
		assertThat(errors(policy("M").set("eat.measurements.kernel", List.of(digest)).json()))
			.containsExactly(new FieldError("eat.measurements.kernel", "digests must be sha-256:<64 hex digits>"));
	}

	@Test
	void readWhenOneOfSeveralDigestsBadThenRefused() {
		assertThat(fields(policy("M")
			.set("eat.measurements.kernel", List.of(TestPolicies.KERNEL, "sha-256:" + "z".repeat(64)))
			.json())).containsExactly("eat.measurements.kernel");
	}

	@Test
	void readWhenSeveralGoodDigestsThenAllAllowed() {
		String second = "sha-256:" + "3c".repeat(32);
		assertThat(AppraisalPolicyJson
			.read(policy("M").set("eat.measurements.kernel", List.of(TestPolicies.KERNEL, second)).json(), null)
			.eat()
			.measurements()
			.get("kernel")).containsExactly(TestPolicies.KERNEL, second);
	}

	@Test
	void readWhenComponentListsNoDigestThenRefused() {
		assertThat(errors(policy("M").set("eat.measurements.kernel", List.of()).json()))
			.containsExactly(new FieldError("eat.measurements.kernel", "must list at least one allowed digest"));
	}

	@Test
	void readWhenComponentDigestsNullThenRefused() {
		assertThat(fields(policy("M").set("eat.measurements.kernel", null).json())).containsExactly("eat.measurements.kernel");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "boot loader", "", "kernel\u00e9" })
	void readWhenComponentNameBadThenRefused(String component) {
		assertThat(fields(policy("M").set("eat.measurements." + component, List.of(TestPolicies.KERNEL)).json()))
			.containsExactly("eat.measurements." + component);
	}

	@Test
	void readWhenComponentNameWithPathCharactersThenRead() {
		assertThat(AppraisalPolicyJson
			.read(policy("M").set("eat.measurements.fw/tee_os-1", List.of(TestPolicies.KERNEL)).json(), null)
			.eat()
			.measurements()).containsKey("fw/tee_os-1");
	}

	// versions

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "2", "2.4", "2.4.0", "2.10.0", "1.2.3.4.5.6.7.8", "0.0.1" })
	void readWhenMinVersionDottedNumbersThenRead(String version) {
		assertThat(AppraisalPolicyJson
			.read(policy("M").set("eat.min_swversion", version).set("eat.recommended_swversion", "99").json(), null)
			.eat()
			.minSwversion()).isEqualTo(version);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "", "v2.4.0", "2.4.0-rc1", "2..4", "2.4.", ".2", "1.2.3.4.5.6.7.8.9", "2.4.0 ", "1234567890" })
	void readWhenMinVersionNotDottedNumbersThenRefused(String version) {
		assertThat(errors(policy("M").set("eat.min_swversion", version).json()))
			.contains(new FieldError("eat.min_swversion", "must be a dotted version such as 2.4.1"));
	}

	@Test
	void readWhenRecommendedVersionMalformedThenRefused() {
		assertThat(fields(policy("M").set("eat.recommended_swversion", "2.5.x").json()))
			.containsExactly("eat.recommended_swversion");
	}

	@Test
	void readWhenRecommendedEqualsMinThenRead() {
		assertThat(AppraisalPolicyJson.read(policy("M").set("eat.recommended_swversion", "2.4").json(), null).eat()
			.recommendedSwversion()).isEqualTo("2.4");
	}

	@Test
	void readWhenRecommendedBelowMinNumericallyThenRefused() {
		// 2.9.0 < 2.10.0 numerically, though not as text
		assertThat(errors(policy("M").set("eat.min_swversion", "2.10.0").set("eat.recommended_swversion", "2.9.0").json()))
			.containsExactly(new FieldError("eat.recommended_swversion", "must not be below min_swversion"));
	}

	@Test
	void readWhenSwnameBlankThenRefused() {
		assertThat(fields(policy("M").set("eat.swname", " ").json())).containsExactly("eat.swname");
	}

	// TPM reference values

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "24", "-1", "07", "a", "" })
	void readWhenPcrIndexOutside0To23ThenRefused(String index) {
		assertThat(fields(policy("M").set("tpm2_quote.pcrs.sha256." + index, TestPolicies.PCR0).json()))
			.containsExactly("tpm2_quote.pcrs.sha256." + index);
	}

	@Test
	void readWhenPcrIndex23ThenRead() {
		assertThat(AppraisalPolicyJson.read(policy("M").set("tpm2_quote.pcrs.sha256.23", TestPolicies.PCR0).json(), null)
			.tpm2Quote()
			.pcrs()
			.get("sha256")).containsKey("23");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "", "00", "sha-256:" + HEX64, HEX63, HEX64 + "0", HEX63 + "g", "0x" + HEX63 })
	void readWhenPcrValueNot64HexDigitsThenRefused(String value) {
		assertThat(fields(policy("M").set("tpm2_quote.pcrs.sha256.7", value).json()))
			.containsExactly("tpm2_quote.pcrs.sha256.7");
	}

	@Test
	void readWhenOtherBankThenRefused() {
		assertThat(fields(policy("M").set("tpm2_quote.pcrs.sha1", Map.of("0", "0".repeat(40))).json()))
			.containsExactly("tpm2_quote.pcrs.sha1");
	}

	@Test
	void readWhenNoSha256PcrThenRefused() {
		assertThat(fields(policy("M").set("tpm2_quote.pcrs.sha256", Map.of()).json())).containsExactly("tpm2_quote.pcrs.sha256");
		assertThat(fields(policy("M").set("tpm2_quote.pcrs", Map.of()).json())).containsExactly("tpm2_quote.pcrs");
	}

	// every problem at once

	@Test
	void readWhenSeveralFieldsBadThenEveryOneNamed() {
		String json = policy("M").set("max_age_seconds", -5)
			.set("eat.min_swversion", "two")
			.set("eat.measurements.kernel", List.of("md5:00"))
			.set("tpm2_quote.pcrs.sha256.7", "xyz")
			.set("tpm2_quote.pcrs.sha256.31", TestPolicies.PCR0)
			.json();

		assertThat(fields(json)).containsExactlyInAnyOrder("max_age_seconds", "eat.min_swversion",
				"eat.measurements.kernel", "tpm2_quote.pcrs.sha256.7", "tpm2_quote.pcrs.sha256.31");
	}

	// normal form

	@Test
	void readWhenUppercaseHexThenLowercase() {
		AppraisalPolicy read = AppraisalPolicyJson.read(policy("M")
			.set("eat.measurements.kernel", List.of("sha-256:" + "2B".repeat(32)))
			.set("tpm2_quote.pcrs.sha256.7", "7F".repeat(32))
			.json(), null);

		assertThat(read.eat().measurements().get("kernel")).containsExactly(TestPolicies.KERNEL);
		assertThat(read.tpm2Quote().pcrs().get("sha256").get("7")).isEqualTo(TestPolicies.PCR7);
	}

	@Test
	void writeWhenReadBackThenTheSamePolicy() {
		AppraisalPolicy read = AppraisalPolicyJson.read(policy("M")
			.set("eat.measurements.kernel", List.of("sha-256:" + "2B".repeat(32)))
			.set("tpm2_quote.pcrs.sha256.7", "7F".repeat(32))
			.json(), null);

		String written = AppraisalPolicyJson.write(read);

		assertThat(AppraisalPolicyJson.read(written, "M")).isEqualTo(read);
		assertThat(AppraisalPolicyJson.write(AppraisalPolicyJson.read(written, null))).isEqualTo(written);
		assertThat(written).doesNotContain("2B", "7F").contains("\"max_age_seconds\":3600", "\"tpm2_quote\"");
	}

	@Test
	void writeWhenFieldsAbsentThenOmittedNotNull() {
		String written = AppraisalPolicyJson.write(AppraisalPolicyJson
			.read(policy("M").remove("max_age_seconds").remove("tpm2_quote").remove("eat.swname").json(), null));

		assertThat(written).doesNotContain("null", "max_age_seconds", "tpm2_quote", "swname");
		assertThat(AppraisalPolicyJson.read(written, null).maxAge()).isEqualTo(AppraisalPolicy.DEFAULT_MAX_AGE_SECONDS);
	}

	private static List<FieldError> errors(String json) {
		return errors(json, null);
	}

	private static List<FieldError> errors(String json, String expectedModel) {
		return assertThatExceptionOfType(InvalidRegistrationException.class)
			.isThrownBy(() -> AppraisalPolicyJson.read(json, expectedModel))
			.actual()
			.errors();
	}

	private static List<String> fields(String json) {
		return fields(json, null);
	}

	private static List<String> fields(String json, String expectedModel) {
		return errors(json, expectedModel).stream().map(FieldError::field).toList();
	}

}
