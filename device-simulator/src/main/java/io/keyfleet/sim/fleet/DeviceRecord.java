package io.keyfleet.sim.fleet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import io.keyfleet.sim.ClientAuthMethod;
import io.keyfleet.sim.ClientCredentials;
import io.keyfleet.sim.JsonOutput;
import io.keyfleet.sim.Pem;
import io.keyfleet.sim.SimException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One device of a local fleet as the simulator keeps it: its registration and the
 * credential it authenticates with, a private key (PKCS#8 PEM) for {@code private_key_jwt}
 * or the secret the server generated for the {@code client_secret_*} methods, or nothing
 * for {@code tls_client_auth}, whose enrolled certificate and key are kept beside the
 * record (see {@code io.keyfleet.sim.est.OperationalCredentials}). The JSON
 * member names follow the registration (RFC 7591 Section 2 names where one exists).
 *
 * @param id the client id (CONTRACT: {@code [A-Za-z0-9._:-]{1,128}})
 * @param method the token endpoint authentication method
 * @param model the device model
 * @param keyId the {@code kid} of the registered public key, or {@code null}
 * @param privateKeyPem the private key for {@code private_key_jwt}, else {@code null}
 * @param clientSecret the client secret for the {@code client_secret_*} methods, else {@code null}
 * @param scopes the registered allowed scopes
 * @param resources the registered allowed resources
 * @param createdAt when the simulator registered it
 */
public record DeviceRecord(String id, ClientAuthMethod method, String model, String keyId, String privateKeyPem,
		String clientSecret, List<String> scopes, List<String> resources, Instant createdAt) {

	/** CONTRACT, Admin API: the id of a device; also keeps ids safe as file names. */
	public static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

	public DeviceRecord {
		Objects.requireNonNull(id, "id cannot be null");
		Objects.requireNonNull(method, "method cannot be null");
		if (!ID.matcher(id).matches() || id.equals(".") || id.equals("..")) {
			throw new IllegalArgumentException("device id '" + id + "' does not match " + ID.pattern());
		}
		if ((method.usesSecret() && clientSecret == null) || (method.usesKey() && privateKeyPem == null)) {
			throw new IllegalArgumentException("device " + id + " has no credential for " + method);
		}
		scopes = List.copyOf(scopes);
		resources = List.copyOf(resources);
	}

	/**
	 * @return what the device authenticates with at the token endpoint
	 */
	public ClientCredentials credentials() {
		if (this.method.usesSecret()) {
			return ClientCredentials.secret(this.id, this.method, this.clientSecret);
		}
		if (this.method == ClientAuthMethod.TLS_CLIENT_AUTH) {
			return ClientCredentials.tlsClientAuth(this.id); // its enrolled certificate is kept beside the record
		}
		return ClientCredentials.privateKeyJwt(this.id,
				Pem.parseEcPrivateKey(this.privateKeyPem, "the private key of device " + this.id), this.keyId);
	}

	/**
	 * @return the JSON the fleet store writes, with the credential
	 */
	public ObjectNode toJson() {
		ObjectNode json = JsonOutput.object();
		json.put("id", this.id);
		json.put("token_endpoint_auth_method", this.method.value());
		json.put("model", this.model);
		if (this.keyId != null) {
			json.put("kid", this.keyId);
		}
		if (this.privateKeyPem != null) {
			json.put("private_key", this.privateKeyPem);
		}
		if (this.clientSecret != null) {
			json.put("client_secret", this.clientSecret);
		}
		ArrayNode scopeArray = json.putArray("allowed_scopes");
		this.scopes.forEach(scopeArray::add);
		ArrayNode resourceArray = json.putArray("allowed_resources");
		this.resources.forEach(resourceArray::add);
		json.put("created_at", this.createdAt.toString());
		return json;
	}

	/**
	 * @param json what {@link #toJson()} wrote
	 * @param source where it was read, for error messages
	 * @return the record
	 * @throws SimException when the JSON is not a device record
	 */
	public static DeviceRecord fromJson(JsonNode json, String source) {
		try {
			return new DeviceRecord(text(json, "id", true), ClientAuthMethod.of(text(json, "token_endpoint_auth_method", true)),
					text(json, "model", false), text(json, "kid", false), text(json, "private_key", false),
					text(json, "client_secret", false), strings(json.get("allowed_scopes")),
					strings(json.get("allowed_resources")), Instant.parse(text(json, "created_at", true)));
		}
		catch (RuntimeException ex) {
			throw new SimException(source + " is not a device record of the simulator: " + ex.getMessage(), ex);
		}
	}

	private static String text(JsonNode json, String name, boolean required) {
		JsonNode value = json.get(name);
		if (value == null || value.isNull()) {
			if (required) {
				throw new IllegalArgumentException("\"" + name + "\" is missing");
			}
			return null;
		}
		return value.asString();
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		if (array != null) {
			array.values().forEach((value) -> values.add(value.asString()));
		}
		return values;
	}

	/** Never prints the private key or the secret. */
	@Override
	public String toString() {
		return "DeviceRecord[id=" + this.id + ", method=" + this.method + ", model=" + this.model + ", kid="
				+ this.keyId + "]";
	}

}
