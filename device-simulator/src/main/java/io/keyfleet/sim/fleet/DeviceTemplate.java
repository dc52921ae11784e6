package io.keyfleet.sim.fleet;

import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import java.util.Objects;

import com.nimbusds.jose.jwk.ECKey;
import io.keyfleet.sim.ClientAuthMethod;
import io.keyfleet.sim.JsonOutput;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the devices of one {@code fleet create} have in common, and the registration body
 * of one of them (CONTRACT "Admin API", {@code POST /api/v1/devices}): its id, model,
 * authentication method, for {@code private_key_jwt} its public key as a JWK Set (RFC 7517
 * Section 5), and its allowed scopes and resources.
 *
 * @param method the token endpoint authentication method
 * @param model the device model
 * @param scopes the allowed scopes
 * @param resources the allowed resources (RFC 8707 resource indicators)
 */
public record DeviceTemplate(ClientAuthMethod method, String model, List<String> scopes, List<String> resources) {

	/** The model when none is given. */
	public static final String DEFAULT_MODEL = "KF-SIM-1";

	/** The scopes of simulated devices when none are given: the device scopes of the sample endpoints. */
	public static final List<String> DEFAULT_SCOPES = List.of("telemetry:write", "config:read", "firmware:read");

	/** resource-sample's identifier (CONTRACT "Access token"). */
	public static final List<String> DEFAULT_RESOURCES = List.of("https://localhost:8444");

	public DeviceTemplate {
		Objects.requireNonNull(method, "method cannot be null");
		Objects.requireNonNull(model, "model cannot be null");
		scopes = List.copyOf(scopes);
		resources = List.copyOf(resources);
	}

	/**
	 * @param id the device id
	 * @param keyPair the device's key pair for {@code private_key_jwt}, else {@code null}
	 * @return the registration JSON; the key's {@code kid} is its RFC 7638 thumbprint
	 */
	public ObjectNode registration(String id, KeyPair keyPair) {
		ObjectNode registration = JsonOutput.object();
		registration.put("id", id);
		registration.put("model", this.model);
		registration.put("token_endpoint_auth_method", this.method.value());
		if (this.method == ClientAuthMethod.TLS_CLIENT_AUTH) {
			// RFC 8705 2.1.2; the subject EST issues (CONTRACT "Device PKI")
			registration.put("tls_client_auth_subject_dn", "CN=" + id);
		}
		if (keyPair != null) {
			ECKey jwk = publicJwk(keyPair);
			ObjectNode jwks = registration.putObject("jwks");
			jwks.putArray("keys").add(JsonOutput.tree(jwk.toJSONObject()));
		}
		ArrayNode scopeArray = registration.putArray("allowed_scopes");
		this.scopes.forEach(scopeArray::add);
		ArrayNode resourceArray = registration.putArray("allowed_resources");
		this.resources.forEach(resourceArray::add);
		registration.putObject("labels").put("keyfleet-sim", "fleet");
		return registration;
	}

	/**
	 * @param keyPair a device key pair
	 * @return its public JWK, {@code kid} = RFC 7638 thumbprint
	 */
	public static ECKey publicJwk(KeyPair keyPair) {
		return io.keyfleet.sim.EcKeys.publicJwk((ECPublicKey) keyPair.getPublic());
	}

}
