package io.keyfleet.auth.support;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import tools.jackson.databind.JsonNode;

/**
 * Devices for tests: real keys of each supported type, registration bodies, and
 * registration through the real admin API.
 */
public final class TestDevices {

	public static final String RESOURCE = "https://localhost:8444";

	public static final String OTHER_RESOURCE = "https://reports.example";

	private TestDevices() {
	}

	public static String newId(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
	}

	public static ECKey ecKey(String kid) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(Curve.P_256.toECParameterSpec());
			KeyPair pair = generator.generateKeyPair();
			return new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic()).privateKey((ECPrivateKey) pair.getPrivate())
				.keyID(kid)
				.build();
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static RSAKey rsaKey(String kid) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
				.keyID(kid)
				.build();
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** An Ed25519 key made by the JDK; Nimbus' own generator needs Google Tink. */
	public static OctetKeyPair ed25519Key(String kid) {
		try {
			KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
			byte[] spki = pair.getPublic().getEncoded();
			byte[] pkcs8 = pair.getPrivate().getEncoded();
			byte[] x = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
			byte[] d = Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length);
			return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x)).d(Base64URL.encode(d)).keyID(kid).build();
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static Map<String, Object> jwks(JWK... keys) {
		return new JWKSet(Arrays.stream(keys).map(JWK::toPublicJWK).toList()).toJSONObject(true);
	}

	/** A registration body; {@code jwks} null for secret-based methods. */
	public static Map<String, Object> registration(String id, String method, Map<String, Object> jwks,
			List<String> scopes, List<String> resources) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", id);
		body.put("model", "KF-EDGE-100");
		body.put("token_endpoint_auth_method", method);
		if (jwks != null) {
			body.put("jwks", jwks);
		}
		body.put("allowed_scopes", scopes);
		body.put("allowed_resources", resources);
		body.put("labels", Map.of("site", "plant-7"));
		return body;
	}

	/** Registers a device through the admin API and returns the 201 body. */
	public static JsonNode register(Http http, String adminToken, Map<String, Object> registration) {
		Http.Response response = http.postJson("/api/v1/devices", adminToken, Http.JSON.writeValueAsString(registration));
		if (response.status() != 201) {
			throw new IllegalStateException("registration failed: " + response.status() + " " + response.body());
		}
		return response.json();
	}

	public static Map<String, Object> standard(String id, String method, Map<String, Object> jwks) {
		return registration(id, method, jwks, List.of("telemetry:write", "config:read"), List.of(RESOURCE, OTHER_RESOURCE));
	}

	public static JWSAlgorithm es256() {
		return JWSAlgorithm.ES256;
	}

}
