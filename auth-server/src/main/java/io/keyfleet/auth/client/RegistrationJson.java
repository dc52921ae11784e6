package io.keyfleet.auth.client;

import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Strict JSON for registrations: unknown fields, wrong types and trailing garbage are
 * refused with a message that names the field, rather than silently ignored (a typo such
 * as {@code allowed_scope} must not register a client without scopes). Also applies JSON
 * merge patches (RFC 7396) for {@code PATCH}.
 */
public final class RegistrationJson {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	/** Fields a client sees in a GET but cannot set. */
	private static final Set<String> READ_ONLY = Set.of("status", "created_at", "updated_at", "tokens_revoked_at",
			"client_secret", "enrollment_group");

	private RegistrationJson() {
	}

	/** Parses a registration body (or import line). */
	public static ClientRegistrationRequest read(String json) {
		return readObject(json, ClientRegistrationRequest.class, RegistrationJson::rejectReadOnly);
	}

	/**
	 * Parses a JSON object as strictly as a registration (other admin API bodies use it
	 * too); {@code check} sees the tree before it is bound.
	 * @throws InvalidRegistrationException naming the field that is unknown or mistyped
	 */
	public static <T> T readObject(String json, Class<T> type, Consumer<ObjectNode> check) {
		try {
			JsonNode node = MAPPER.readTree(json);
			if (node == null || !node.isObject()) {
				throw new InvalidRegistrationException("body", "must be a JSON object");
			}
			check.accept((ObjectNode) node);
			return MAPPER.treeToValue(node, type);
		}
		catch (UnrecognizedPropertyException ex) {
			throw new InvalidRegistrationException(ex.getPropertyName(), "unknown field");
		}
		catch (MismatchedInputException ex) {
			throw new InvalidRegistrationException(fieldPath(ex), "has the wrong type");
		}
		catch (JacksonException ex) {
			throw new InvalidRegistrationException("body", "is not valid JSON: " + ex.getOriginalMessage());
		}
	}

	/**
	 * Applies a JSON merge patch (RFC 7396) to the registration of {@code record} and
	 * returns the resulting request, to be validated like a new registration.
	 */
	public static ClientRegistrationRequest mergePatch(ClientRecord record, String patchJson) {
		JsonNode patch;
		try {
			patch = MAPPER.readTree(patchJson);
		}
		catch (JacksonException ex) {
			throw new InvalidRegistrationException("body", "is not valid JSON: " + ex.getOriginalMessage());
		}
		if (patch == null || !patch.isObject()) {
			throw new InvalidRegistrationException("body", "a merge patch must be a JSON object");
		}
		rejectReadOnly((ObjectNode) patch);
		if (patch.has("id") && !record.id().equals(patch.get("id").asString(null))) {
			throw new InvalidRegistrationException("id", "cannot be changed");
		}
		ObjectNode target = MAPPER.valueToTree(asRequest(record));
		JsonNode merged = merge(target, patch);
		return read(MAPPER.writeValueAsString(merged));
	}

	private static ClientRegistrationRequest asRequest(ClientRecord record) {
		return new ClientRegistrationRequest(record.id(), record.model(), record.tokenEndpointAuthMethod().wireName(),
				record.jwks(), record.tlsClientAuthSubjectDn(), record.tlsClientAuthSanUri(), record.tlsClientAuthSanDns(),
				record.allowedScopes(), record.allowedResources(),
				record.dpopBoundAccessTokens(), record.tlsClientCertificateBoundAccessTokens(), record.attestation(),
				record.labels().isEmpty() ? null : Map.copyOf(record.labels()));
	}

	/** RFC 7396 §2 MergePatch(Target, Patch). */
	static JsonNode merge(JsonNode target, JsonNode patch) {
		if (!patch.isObject()) {
			return patch;
		}
		ObjectNode result = (target != null && target.isObject()) ? ((ObjectNode) target).deepCopy()
				: MAPPER.createObjectNode();
		for (Map.Entry<String, JsonNode> entry : patch.properties()) {
			if (entry.getValue().isNull()) {
				result.remove(entry.getKey());
			}
			else {
				result.set(entry.getKey(), merge(result.get(entry.getKey()), entry.getValue()));
			}
		}
		return result;
	}

	private static void rejectReadOnly(ObjectNode node) {
		for (String name : READ_ONLY) {
			if (node.has(name)) {
				throw new InvalidRegistrationException(name,
						"is read-only" + ("status".equals(name) ? "; use the suspend, resume and retire actions" : ""));
			}
		}
	}

	/** The dotted path of the field a Jackson error is about ({@code body} for the root). */
	public static String fieldPath(MismatchedInputException ex) {
		String path = ex.getPath()
			.stream()
			.map(ref -> (ref.getPropertyName() != null) ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
			.collect(Collectors.joining("."));
		return path.isEmpty() ? "body" : path;
	}

}
