package io.keyfleet.sim.rotation;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;

import io.keyfleet.sim.ClientAuthMethod;
import io.keyfleet.sim.ClientCredentials;
import io.keyfleet.sim.EcKeys;
import io.keyfleet.sim.HttpTransport;
import io.keyfleet.sim.OwnerOnlyFiles;
import io.keyfleet.sim.Pem;
import io.keyfleet.sim.SimException;
import io.keyfleet.sim.TokenClient;
import io.keyfleet.sim.TokenEndpointResponse;
import io.keyfleet.sim.fleet.DeviceRecord;
import io.keyfleet.sim.fleet.FleetStore;

/**
 * Rotates one device's key through the client configuration endpoint, in the order that
 * never leaves the device without a working key: generate the new key and keep it beside
 * the record ({@code <id>.next-key.pem}); add it (with its proof); get a token with it;
 * retire the old key; only then replace the key in the device's record and drop the
 * pending file. An interrupted rotation resumes from the pending key: whichever of the
 * two keys the server still accepts gets the token, and steps already done are skipped.
 */
public final class KeyRotator {

	static final String PENDING_SUFFIX = ".next-key.pem";

	private final FleetStore store;

	private final TokenClient tokens;

	private final ClientConfigurationClient configuration;

	private final URI tokenEndpoint;

	private final URI issuer;

	public KeyRotator(FleetStore store, HttpTransport http, TokenClient tokens, AuthorizationServerMetadata metadata) {
		this.store = store;
		this.tokens = tokens;
		this.configuration = new ClientConfigurationClient(http);
		this.tokenEndpoint = metadata.getTokenEndpointURI();
		this.issuer = URI.create(metadata.getIssuer().getValue());
	}

	/**
	 * @return the outcome: {@code rotated} with the old and new kid, or {@code skipped} for
	 * a device that does not authenticate with a key of its own
	 * @throws SimException when a step is refused; the device keeps a working key
	 */
	public Result rotate(String id) {
		DeviceRecord device = this.store.load(id);
		if (device.method() != ClientAuthMethod.PRIVATE_KEY_JWT) {
			return new Result(id, device.keyId(), null, "skipped",
					(device.method() == ClientAuthMethod.TLS_CLIENT_AUTH) ? "tls_client_auth: renew its certificate"
							: "no key: " + device.method().value());
		}
		Path pending = this.store.sidecar(id, PENDING_SUFFIX);
		ECPrivateKey newKey = pendingOrNewKey(pending);
		ECKey newJwk = EcKeys.publicJwk((ECPublicKey) EcKeys.keyPairOf(newKey).getPublic());
		ClientCredentials oldCredentials = device.credentials();
		ClientCredentials newCredentials = ClientCredentials.privateKeyJwt(id, newKey, newJwk.getKeyID());
		URI uri = URI.create(this.issuer + "/oauth2/register/" + id);

		String token = tokenOrNull(oldCredentials);
		if (token == null) {
			// an earlier run may have retired the old key already: the pending key must work
			token = token(newCredentials);
		}
		Map<String, Object> metadata = this.configuration.read(uri, token);
		List<Map<String, Object>> keys = keys(metadata);
		String newProof = KeyProof.sign(newKey, newJwk.getKeyID(), id, uri);
		if (keys.stream().noneMatch(k -> newJwk.getKeyID().equals(k.get("kid")))) {
			// the new key proves itself, the old one that the device is the one asking
			keys.add(newJwk.toPublicJWK().toJSONObject());
			List<String> proofs = List.of(newProof,
					KeyProof.sign(oldCredentials.privateKey(), device.keyId(), id, uri));
			metadata = this.configuration.update(uri, token, withKeys(metadata, keys, proofs));
		}
		// switch: the new key gets tokens before the old one goes
		String newToken = token(newCredentials);
		if (keys(metadata).size() > 1) {
			List<Map<String, Object>> only = new ArrayList<>();
			only.add(newJwk.toPublicJWK().toJSONObject());
			this.configuration.update(uri, newToken, withKeys(metadata, only, List.of(newProof)));
		}
		this.store.save(new DeviceRecord(id, device.method(), device.model(), newJwk.getKeyID(),
				Pem.encodePrivateKey(newKey), null, device.scopes(), device.resources(), device.createdAt()));
		delete(pending);
		return new Result(id, device.keyId(), newJwk.getKeyID(), "rotated", null);
	}

	private ECPrivateKey pendingOrNewKey(Path pending) {
		if (Files.isRegularFile(pending)) {
			return Pem.readEcPrivateKey(pending);
		}
		KeyPair pair = EcKeys.generate();
		OwnerOnlyFiles.write(pending, Pem.encodePrivateKey(pair.getPrivate()).getBytes(StandardCharsets.US_ASCII));
		return (ECPrivateKey) pair.getPrivate();
	}

	private String tokenOrNull(ClientCredentials credentials) {
		TokenEndpointResponse response = this.tokens.requestToken(this.tokenEndpoint, credentials, null,
				List.of(this.issuer));
		return response.isSuccess() ? response.success().getTokens().getAccessToken().getValue() : null;
	}

	private String token(ClientCredentials credentials) {
		TokenEndpointResponse response = this.tokens.requestToken(this.tokenEndpoint, credentials, null,
				List.of(this.issuer));
		if (!response.isSuccess()) {
			throw new SimException("the token endpoint refused key " + credentials.keyId() + ": HTTP "
					+ response.status() + " " + response.body().get("error"));
		}
		return response.success().getTokens().getAccessToken().getValue();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> keys(Map<String, Object> metadata) {
		if (!(metadata.get("jwks") instanceof Map<?, ?> jwks) || !(jwks.get("keys") instanceof List<?> keys)) {
			throw new SimException("the registration has no jwks");
		}
		List<Map<String, Object>> copy = new ArrayList<>();
		keys.forEach(key -> copy.add((Map<String, Object>) key));
		return copy;
	}

	private static Map<String, Object> withKeys(Map<String, Object> metadata, List<Map<String, Object>> keys,
			List<String> proofs) {
		Map<String, Object> updated = new LinkedHashMap<>(metadata);
		updated.put("jwks", Map.of("keys", keys));
		updated.put("key_proofs", proofs);
		return updated;
	}

	private static void delete(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			throw new SimException("cannot delete " + file + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * @param outcome {@code rotated} or {@code skipped}
	 * @param detail why it was skipped, else null
	 */
	public record Result(String id, String oldKid, String newKid, String outcome, String detail) {
	}

}
