package io.keyfleet.auth.attestation.policy;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

import io.keyfleet.auth.client.FieldError;
import io.keyfleet.auth.client.InvalidRegistrationException;
import io.keyfleet.auth.client.RegistrationJson;

/**
 * Reads and checks an appraisal policy (CONTRACT "Appraisal policy") strictly — a policy
 * file or a {@code PUT} body with a typo in a field name must not silently drop a check —
 * and writes it back in a normal form (lowercase digests). Every problem is reported with
 * the field it is in.
 */
public final class AppraisalPolicyJson {

	/** The longest time a result may stand in for fresh evidence: 30 days. */
	static final int MAX_AGE_LIMIT_SECONDS = 30 * 24 * 3600;

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		// a golden value is what it says: "3600", 1.5, 0 for false or 5 for "5" are mistakes, not values
		.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
		.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
		.withCoercionConfigDefaults((config) -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
			.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
			.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
		.build();

	private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

	private static final Pattern COMPONENT = Pattern.compile("[A-Za-z0-9._/-]{1,64}");

	private static final Pattern DIGEST = Pattern.compile("sha-256:[0-9a-fA-F]{64}");

	private static final Pattern PCR_INDEX = Pattern.compile("0|[1-9]|1[0-9]|2[0-3]");

	private static final Pattern PCR_VALUE = Pattern.compile("[0-9a-fA-F]{64}");

	private AppraisalPolicyJson() {
	}

	/**
	 * Parses and validates a policy.
	 * @param expectedModel the model it must be for (the path of a {@code PUT}), or null
	 * @throws InvalidRegistrationException listing every problem
	 */
	public static AppraisalPolicy read(String json, String expectedModel) {
		AppraisalPolicy policy;
		try {
			JsonNode node = MAPPER.readTree(json);
			if (node == null || !node.isObject()) {
				throw new InvalidRegistrationException("body", "must be a JSON object");
			}
			policy = MAPPER.treeToValue(node, AppraisalPolicy.class);
		}
		catch (UnrecognizedPropertyException ex) {
			throw new InvalidRegistrationException(RegistrationJson.fieldPath(ex), "unknown field");
		}
		catch (MismatchedInputException ex) {
			throw new InvalidRegistrationException(RegistrationJson.fieldPath(ex), "has the wrong type");
		}
		catch (JacksonException ex) {
			throw new InvalidRegistrationException("body", "is not valid JSON: " + ex.getOriginalMessage());
		}
		if (expectedModel != null && policy.model() == null) {
			policy = new AppraisalPolicy(expectedModel, policy.maxAgeSeconds(), policy.eat(), policy.tpm2Quote());
		}
		List<FieldError> errors = validate(policy, expectedModel);
		if (!errors.isEmpty()) {
			throw new InvalidRegistrationException(errors);
		}
		return normalize(policy);
	}

	public static String write(AppraisalPolicy policy) {
		return MAPPER.writeValueAsString(policy);
	}

	private static List<FieldError> validate(AppraisalPolicy policy, String expectedModel) {
		List<FieldError> errors = new ArrayList<>();
		if (policy.model() == null || !MODEL.matcher(policy.model()).matches()) {
			errors.add(new FieldError("model", "is required and must match [A-Za-z0-9._:-]{1,128}"));
		}
		else if (expectedModel != null && !expectedModel.equals(policy.model())) {
			errors.add(new FieldError("model", "must be the model in the path (" + expectedModel + ")"));
		}
		if (policy.maxAgeSeconds() != null
				&& (policy.maxAgeSeconds() < 0 || policy.maxAgeSeconds() > MAX_AGE_LIMIT_SECONDS)) {
			errors.add(new FieldError("max_age_seconds", "must be from 0 to " + MAX_AGE_LIMIT_SECONDS));
		}
		if (policy.eat() == null && policy.tpm2Quote() == null) {
			errors.add(new FieldError("body", "a policy needs reference values: eat, tpm2_quote or both"));
		}
		if (policy.eat() != null) {
			validateEat(policy.eat(), errors);
		}
		if (policy.tpm2Quote() != null) {
			validateTpm(policy.tpm2Quote(), errors);
		}
		return errors;
	}

	private static void validateEat(AppraisalPolicy.Eat eat, List<FieldError> errors) {
		if (eat.swname() != null && eat.swname().isBlank()) {
			errors.add(new FieldError("eat.swname", "must not be blank"));
		}
		for (Map.Entry<String, String> version : versions(eat).entrySet()) {
			if (version.getValue() != null && !Versions.isVersion(version.getValue())) {
				errors.add(new FieldError("eat." + version.getKey(), "must be a dotted version such as 2.4.1"));
			}
		}
		if (Versions.isVersion(eat.minSwversion()) && Versions.isVersion(eat.recommendedSwversion())
				&& Versions.compare(eat.recommendedSwversion(), eat.minSwversion()) < 0) {
			errors.add(new FieldError("eat.recommended_swversion", "must not be below min_swversion"));
		}
		validateDeadline(eat, errors);
		if (eat.measurements() != null) {
			eat.measurements().forEach((component, digests) -> {
				String field = "eat.measurements." + component;
				if (component == null || !COMPONENT.matcher(component).matches()) {
					errors.add(new FieldError(field, "component names must match [A-Za-z0-9._/-]{1,64}"));
				}
				if (digests == null || digests.isEmpty()) {
					errors.add(new FieldError(field, "must list at least one allowed digest"));
				}
				else if (digests.stream().anyMatch(d -> d == null || !DIGEST.matcher(d).matches())) {
					errors.add(new FieldError(field, "digests must be sha-256:<64 hex digits>"));
				}
			});
		}
	}

	/**
	 * The rollout deadline: an RFC 3339 date-time with an offset (RFC 3339 §5.6), and only
	 * with a {@code recommended_swversion} it could be a deadline for.
	 */
	private static void validateDeadline(AppraisalPolicy.Eat eat, List<FieldError> errors) {
		String deadline = eat.recommendedSwversionDeadline();
		if (deadline == null) {
			return;
		}
		try {
			OffsetDateTime.parse(deadline);
		}
		catch (DateTimeParseException ex) {
			errors.add(new FieldError("eat.recommended_swversion_deadline",
					"must be an RFC 3339 date-time such as 2026-12-31T00:00:00Z"));
			return;
		}
		if (eat.recommendedSwversion() == null) {
			errors.add(new FieldError("eat.recommended_swversion_deadline", "needs a recommended_swversion"));
		}
	}

	private static Map<String, String> versions(AppraisalPolicy.Eat eat) {
		Map<String, String> versions = new LinkedHashMap<>();
		versions.put("min_swversion", eat.minSwversion());
		versions.put("recommended_swversion", eat.recommendedSwversion());
		return versions;
	}

	private static void validateTpm(AppraisalPolicy.Tpm2Quote tpm, List<FieldError> errors) {
		if (tpm.pcrs() == null || tpm.pcrs().isEmpty()) {
			errors.add(new FieldError("tpm2_quote.pcrs", "must hold the sha256 bank"));
			return;
		}
		tpm.pcrs().forEach((bank, values) -> {
			if (!"sha256".equals(bank)) {
				errors.add(new FieldError("tpm2_quote.pcrs." + bank, "only the sha256 bank is supported"));
				return;
			}
			if (values == null || values.isEmpty()) {
				errors.add(new FieldError("tpm2_quote.pcrs.sha256", "must list at least one PCR"));
				return;
			}
			values.forEach((index, value) -> {
				if (index == null || !PCR_INDEX.matcher(index).matches()) {
					errors.add(new FieldError("tpm2_quote.pcrs.sha256." + index, "PCR indexes are 0 to 23"));
				}
				if (value == null || !PCR_VALUE.matcher(value).matches()) {
					errors.add(new FieldError("tpm2_quote.pcrs.sha256." + index, "must be 64 hex digits"));
				}
			});
		});
	}

	private static AppraisalPolicy normalize(AppraisalPolicy policy) {
		AppraisalPolicy.Eat eat = policy.eat();
		if (eat != null && eat.measurements() != null) {
			Map<String, List<String>> measurements = new LinkedHashMap<>();
			eat.measurements().forEach((component, digests) -> measurements.put(component,
					digests.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList()));
			eat = new AppraisalPolicy.Eat(eat.swname(), eat.minSwversion(), eat.recommendedSwversion(),
					eat.requireSecboot(), measurements, eat.recommendedSwversionDeadline());
		}
		AppraisalPolicy.Tpm2Quote tpm = policy.tpm2Quote();
		if (tpm != null) {
			Map<String, String> pcrs = new LinkedHashMap<>();
			tpm.pcrs().get("sha256").forEach((index, value) -> pcrs.put(index, value.toLowerCase(Locale.ROOT)));
			tpm = new AppraisalPolicy.Tpm2Quote(Map.of("sha256", pcrs));
		}
		return new AppraisalPolicy(policy.model(), policy.maxAgeSeconds(), eat, tpm);
	}

}
