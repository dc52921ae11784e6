package io.keyfleet.auth.registration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.keyfleet.auth.KeyfleetServerProperties;
import io.keyfleet.auth.audit.AuditLog;
import io.keyfleet.auth.client.ClientRecord;
import io.keyfleet.auth.client.ClientRegistry;

/**
 * The client configuration endpoint of RFC 7592 for devices, {@code /oauth2/register/<id>}:
 * {@code GET} reads the device's registration as client metadata, {@code PUT} replaces it —
 * where only {@code jwks} may differ, so that a device rotates its own keys. The caller is
 * the device itself, with an access token of its own for the issuer (requested with
 * {@code resource=<issuer>}) in good standing, checked by the filter chain; here: the token
 * must be the device's ({@code 403} otherwise).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7592#section-2">RFC 7592 §2</a>
 */
@RestController
@RequestMapping("/oauth2/register/{clientId}")
class ClientConfigurationController {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ClientRegistry registry;

	private final DeviceKeyRotation rotation;

	private final AuditLog audit;

	private final String base;

	ClientConfigurationController(ClientRegistry registry, DeviceKeyRotation rotation, AuditLog audit,
			KeyfleetServerProperties server) {
		this.registry = registry;
		this.rotation = rotation;
		this.audit = audit;
		this.base = server.issuerUrl() + "/oauth2/register/";
	}

	/** RFC 7592 §2.1: the registration as it is now. */
	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Object> read(@PathVariable String clientId, @AuthenticationPrincipal Jwt token,
			HttpServletRequest request) {
		ClientRecord device = ownDevice(clientId, token, request);
		if (device == null) {
			return forbidden();
		}
		return ok(device);
	}

	/**
	 * RFC 7592 §2.2: the full metadata back, with a new {@code jwks} and a
	 * {@code key_proofs} member holding one proof per added key.
	 */
	@PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Object> update(@PathVariable String clientId, @AuthenticationPrincipal Jwt token,
			@RequestBody String body, HttpServletRequest request) {
		ClientRecord device = ownDevice(clientId, token, request);
		if (device == null) {
			return forbidden();
		}
		Map<String, Object> update = object(body);
		List<String> proofs = proofs(update.remove(ClientMetadata.KEY_PROOFS));
		String uri = this.base + clientId;
		String different = ClientMetadata.firstDifference(update, ClientMetadata.of(device, uri));
		if (different != null) {
			throw new InvalidClientMetadataException("not_changeable",
					different + " cannot be changed or sent here: only jwks is the device's to change");
		}
		if (!update.containsKey(ClientMetadata.JWKS)) {
			throw new InvalidClientMetadataException("jwks_empty", "a device cannot remove all of its keys");
		}
		DeviceKeyRotation.requireRotatable(device);
		return ok(this.rotation.replace(device, update.get(ClientMetadata.JWKS), proofs, uri, request.getRemoteAddr()));
	}

	@ExceptionHandler(InvalidClientMetadataException.class)
	ResponseEntity<Object> invalid(InvalidClientMetadataException ex, HttpServletRequest request) {
		this.audit.refused("client-configuration", clientIdOf(request), ex.reason(), request.getRemoteAddr());
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("error", "invalid_client_metadata");
		error.put("error_description", ex.getMessage());
		return ResponseEntity.badRequest().header(HttpHeaders.CACHE_CONTROL, "no-store").body(error);
	}

	/** The device the path names, when the token is its own; null when the token is another client's. */
	private ClientRecord ownDevice(String clientId, Jwt token, HttpServletRequest request) {
		if (!clientId.equals(token.getClaimAsString("client_id"))) {
			this.audit.refused("client-configuration", token.getClaimAsString("client_id"), "another_client",
					request.getRemoteAddr());
			return null;
		}
		// the token's standing was checked: the client exists and is active
		return this.registry.find(clientId).filter(ClientRecord::isDevice).orElse(null);
	}

	private ResponseEntity<Object> ok(ClientRecord device) {
		return ResponseEntity.ok()
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(ClientMetadata.of(device, this.base + device.id()));
	}

	/** RFC 7592 §2.1: a token that may not read this registration; RFC 6750 §3.1 error. */
	private static ResponseEntity<Object> forbidden() {
		return ResponseEntity.status(HttpStatus.FORBIDDEN)
			.header(HttpHeaders.WWW_AUTHENTICATE,
					"Bearer error=\"insufficient_scope\", error_description=\"the token is not this device's\"")
			.body(Map.of("error", "insufficient_scope", "error_description", "the token is not this device's"));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> object(String body) {
		try {
			Object parsed = JSON.readValue(body, Object.class);
			if (parsed instanceof Map<?, ?> map) {
				return new LinkedHashMap<>((Map<String, Object>) map);
			}
		}
		catch (JacksonException ex) {
			// answered below, as any body that is not a JSON object
		}
		throw new InvalidClientMetadataException("not_json", "the body must be a JSON object of client metadata");
	}

	private static List<String> proofs(Object value) {
		if (value == null) {
			return List.of();
		}
		List<String> proofs = new ArrayList<>();
		if (value instanceof List<?> list) {
			for (Object proof : list) {
				if (!(proof instanceof String text)) {
					throw new InvalidClientMetadataException("key_proof_invalid", "key_proofs must be strings");
				}
				proofs.add(text);
			}
			return proofs;
		}
		throw new InvalidClientMetadataException("key_proof_invalid", "key_proofs must be an array of compact JWSs");
	}

	private static String clientIdOf(HttpServletRequest request) {
		String path = request.getRequestURI();
		return path.substring(path.lastIndexOf('/') + 1);
	}

}
