package io.keyfleet.auth.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import javax.security.auth.x500.X500Principal;

import io.keyfleet.auth.keys.Pem;

/**
 * Checks a {@link ClientRegistrationRequest} against the contract and turns it into the
 * normalised values a {@link ClientRecord} is built from. Collects every problem instead
 * of stopping at the first, so an operator fixes a registration in one go.
 */
public final class ClientRegistrationValidator {

	private static final ECParameterSpec P256 = p256();

	/** CONTRACT: {@code id} matches {@code [A-Za-z0-9._:-]{1,128}}. */
	public static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

	/** RFC 6749 §3.3 scope-token. */
	private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,128}");

	private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

	private static final Pattern DNS_NAME = Pattern
		.compile("(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

	private static final Pattern LABEL_KEY = Pattern.compile("[A-Za-z0-9._/-]{1,63}");

	/** Scopes that give power over the fleet: never for a device. */
	private static final Set<String> ADMIN_SCOPES = Set.of("fleet:admin", "tokens:introspect");

	private static final Set<String> ATTESTATION_FIELDS = Set.of("required", "formats", "eat_key", "tpm_ak", "ueid");

	/** base64url without padding of 7 to 33 bytes: 10 to 44 characters. */
	private static final Pattern UEID = Pattern.compile("[A-Za-z0-9_-]{10,44}");

	private final Set<String> attestationFormats;

	/**
	 * @param attestationFormats the evidence formats this server verifies: a device can
	 * register only these
	 */
	public ClientRegistrationValidator(Set<String> attestationFormats) {
		this.attestationFormats = Set.copyOf(attestationFormats);
	}

	/**
	 * Validates a request for a client of the given kind.
	 * @throws InvalidRegistrationException listing every problem found
	 */
	public Validated validate(ClientKind kind, ClientRegistrationRequest request) {
		List<FieldError> errors = new ArrayList<>();
		if (request.id() == null || !ID.matcher(request.id()).matches()) {
			errors.add(new FieldError("id", "must match [A-Za-z0-9._:-]{1,128}"));
		}
		if (kind == ClientKind.DEVICE) {
			if (request.model() == null || !MODEL.matcher(request.model()).matches()) {
				errors.add(new FieldError("model", "is required for a device and must match [A-Za-z0-9._:-]{1,128}"));
			}
		}
		else {
			if (request.model() != null) {
				errors.add(new FieldError("model", "only devices have a model"));
			}
			if (request.attestation() != null) {
				errors.add(new FieldError("attestation", "only devices attest"));
			}
		}
		AuthMethod method = authMethod(request, errors);
		ClientJwks jwks = null;
		if (method != null && method.usesJwks()) {
			try {
				jwks = ClientJwks.parse(request.jwks());
			}
			catch (IllegalArgumentException ex) {
				errors.add(new FieldError("jwks", ex.getMessage()));
			}
		}
		else if (method != null && request.jwks() != null) {
			errors.add(new FieldError("jwks", "is only used with private_key_jwt and self_signed_tls_client_auth"));
		}
		certificateIdentity(request, method, errors);
		List<String> scopes = scopes(kind, request.allowedScopes(), errors);
		List<String> resources = resources(request.allowedResources(), errors);
		attestation(request.attestation(), errors);
		labels(request.labels(), errors);
		if (!errors.isEmpty()) {
			throw new InvalidRegistrationException(errors);
		}
		return new Validated(request, method, jwks, scopes, resources);
	}

	private static AuthMethod authMethod(ClientRegistrationRequest request, List<FieldError> errors) {
		if (request.tokenEndpointAuthMethod() == null) {
			errors.add(new FieldError("token_endpoint_auth_method", "is required"));
			return null;
		}
		AuthMethod method = AuthMethod.fromWireName(request.tokenEndpointAuthMethod()).orElse(null);
		if (method == null) {
			errors.add(new FieldError("token_endpoint_auth_method",
					"unknown method '" + request.tokenEndpointAuthMethod() + "'; use private_key_jwt, tls_client_auth,"
							+ " self_signed_tls_client_auth, client_secret_jwt or client_secret_basic"));
			return null;
		}
		if (!method.served()) {
			errors.add(new FieldError("token_endpoint_auth_method", method.wireName() + " is not served by this version"));
			return null;
		}
		return method;
	}

	/** RFC 8705 §2.1.2: exactly one way to name the certificate's subject, for tls_client_auth. */
	private static void certificateIdentity(ClientRegistrationRequest request, AuthMethod method,
			List<FieldError> errors) {
		int named = 0;
		if (request.tlsClientAuthSubjectDn() != null) {
			named++;
			try {
				new X500Principal(request.tlsClientAuthSubjectDn());
			}
			catch (IllegalArgumentException ex) {
				errors.add(new FieldError("tls_client_auth_subject_dn", "is not an RFC 4514 distinguished name"));
			}
		}
		if (request.tlsClientAuthSanUri() != null) {
			named++;
			if (ResourceIndicators.problem(request.tlsClientAuthSanUri()) != null
					&& !request.tlsClientAuthSanUri().startsWith("urn:")) {
				errors.add(new FieldError("tls_client_auth_san_uri", "is not an absolute URI"));
			}
		}
		if (request.tlsClientAuthSanDns() != null) {
			named++;
			if (!DNS_NAME.matcher(request.tlsClientAuthSanDns()).matches()) {
				errors.add(new FieldError("tls_client_auth_san_dns", "is not a DNS name"));
			}
		}
		if (method == AuthMethod.TLS_CLIENT_AUTH && named != 1) {
			errors.add(new FieldError("tls_client_auth_subject_dn", "tls_client_auth needs exactly one of"
					+ " tls_client_auth_subject_dn, tls_client_auth_san_uri, tls_client_auth_san_dns"));
		}
	}

	private static List<String> scopes(ClientKind kind, List<String> requested, List<FieldError> errors) {
		Set<String> scopes = new LinkedHashSet<>();
		if (requested == null) {
			return List.of();
		}
		if (requested.size() > 64) {
			errors.add(new FieldError("allowed_scopes", "at most 64 scopes"));
		}
		for (String scope : requested) {
			if (scope == null || !SCOPE_TOKEN.matcher(scope).matches()) {
				errors.add(new FieldError("allowed_scopes", "'" + scope + "' is not an RFC 6749 scope token"));
			}
			else if (kind == ClientKind.DEVICE && ADMIN_SCOPES.contains(scope)) {
				errors.add(new FieldError("allowed_scopes", "a device cannot hold the administrative scope " + scope));
			}
			else {
				scopes.add(scope);
			}
		}
		return List.copyOf(scopes);
	}

	private static List<String> resources(List<String> requested, List<FieldError> errors) {
		if (requested == null || requested.isEmpty()) {
			errors.add(new FieldError("allowed_resources", "at least one resource (the audience of its tokens)"));
			return List.of();
		}
		if (requested.size() > 32) {
			errors.add(new FieldError("allowed_resources", "at most 32 resources"));
		}
		Set<String> resources = new LinkedHashSet<>();
		for (String resource : requested) {
			String problem = ResourceIndicators.problem(resource);
			if (problem != null) {
				errors.add(new FieldError("allowed_resources", problem));
			}
			else {
				resources.add(resource);
			}
		}
		return List.copyOf(resources);
	}

	private void attestation(Map<String, Object> attestation, List<FieldError> errors) {
		if (attestation == null) {
			return;
		}
		Object required = attestation.get("required");
		if (required != null && !(required instanceof Boolean)) {
			errors.add(new FieldError("attestation.required", "must be true or false"));
		}
		Object formats = attestation.get("formats");
		if (formats != null) {
			if (!(formats instanceof List<?> list)) {
				errors.add(new FieldError("attestation.formats", "must be an array"));
			}
			else {
				for (Object format : list) {
					if (!this.attestationFormats.contains(format)) {
						errors.add(new FieldError("attestation.formats", "format '" + format
								+ "' is not enabled on this server (enabled: " + new TreeSet<>(this.attestationFormats) + ")"));
					}
				}
			}
		}
		for (String text : List.of("tpm_ak", "ueid")) {
			if (attestation.get(text) != null && !(attestation.get(text) instanceof String)) {
				errors.add(new FieldError("attestation." + text, "must be a string"));
			}
		}
		if (attestation.get("eat_key") != null) {
			if (!(attestation.get("eat_key") instanceof Map<?, ?> jwk)) {
				errors.add(new FieldError("attestation.eat_key", "must be a JWK object"));
			}
			else {
				try {
					ClientJwks.parse(Map.of("keys", List.of(jwk)));
				}
				catch (IllegalArgumentException ex) {
					errors.add(new FieldError("attestation.eat_key", ex.getMessage()));
				}
			}
		}
		if (attestation.get("tpm_ak") instanceof String pem) {
			String problem = tpmAkProblem(pem);
			if (problem != null) {
				errors.add(new FieldError("attestation.tpm_ak", problem));
			}
		}
		if (attestation.get("ueid") instanceof String ueid && !UEID.matcher(ueid).matches()) {
			errors.add(new FieldError("attestation.ueid", "must be base64url (no padding) of 7 to 33 bytes (RFC 9711 §4.2.1)"));
		}
		for (String field : attestation.keySet()) {
			if (!ATTESTATION_FIELDS.contains(field)) {
				errors.add(new FieldError("attestation." + field, "unknown field"));
			}
		}
	}

	/** The TPM attestation keys a quote can be verified with: ECDSA P-256, RSA 2048. */
	private static String tpmAkProblem(String pem) {
		PublicKey key;
		try {
			key = Pem.readPublicKey(pem);
		}
		catch (IllegalArgumentException ex) {
			return "must be a PEM public key (SubjectPublicKeyInfo)";
		}
		if (key instanceof ECPublicKey ec && isP256(ec)) {
			return null;
		}
		if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() == 2048) {
			return null;
		}
		return "must be an ECDSA P-256 or RSA 2048 key";
	}

	/** secp256r1 itself, not any 256-bit curve (secp256k1, brainpoolP256r1 have the same size). */
	private static boolean isP256(ECPublicKey key) {
		ECParameterSpec params = key.getParams();
		return P256.getCurve().equals(params.getCurve()) && P256.getOrder().equals(params.getOrder())
				&& P256.getGenerator().equals(params.getGenerator());
	}

	private static ECParameterSpec p256() {
		try {
			AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
			parameters.init(new ECGenParameterSpec("secp256r1"));
			return parameters.getParameterSpec(ECParameterSpec.class);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("the JDK has no secp256r1", ex);
		}
	}

	private static void labels(Map<String, String> labels, List<FieldError> errors) {
		if (labels == null) {
			return;
		}
		if (labels.size() > 64) {
			errors.add(new FieldError("labels", "at most 64 labels"));
		}
		labels.forEach((key, value) -> {
			if (key == null || !LABEL_KEY.matcher(key).matches()) {
				errors.add(new FieldError("labels", "label name '" + key + "' must match [A-Za-z0-9._/-]{1,63}"));
			}
			if (value == null || value.length() > 256) {
				errors.add(new FieldError("labels." + key, "must be a string of at most 256 characters"));
			}
		});
	}

	/** A request that passed validation, with its parsed and normalised parts. */
	public record Validated(ClientRegistrationRequest request, AuthMethod method, ClientJwks jwks,
			List<String> scopes, List<String> resources) {
	}

	/** RFC 8707 §2 rules for a resource indicator. */
	public static final class ResourceIndicators {

		private ResourceIndicators() {
		}

		/** Null when {@code resource} is a valid indicator, otherwise why not. */
		public static String problem(String resource) {
			if (resource == null || resource.isEmpty() || resource.length() > 2048) {
				return "a resource must be an absolute URI";
			}
			try {
				URI uri = new URI(resource);
				if (!uri.isAbsolute() || uri.getHost() == null) {
					return "'" + resource + "' is not an absolute URI with a host";
				}
				if (uri.getRawFragment() != null) {
					return "'" + resource + "' must not have a fragment (RFC 8707 §2)";
				}
				return null;
			}
			catch (URISyntaxException ex) {
				return "'" + resource + "' is not a URI";
			}
		}

	}

}
