package io.keyfleet.auth.admin;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.keyfleet.auth.keys.KeyRotation;
import io.keyfleet.auth.keys.Keyring;
import io.keyfleet.auth.keys.KeyringEntry;

/**
 * {@code /api/v1/signing-keys}: the token-signing keyring (kids, states, times; never key
 * material), on-demand rotation and the revocation of a compromised key. Every node serves
 * the same keyring, and a change made through one node reaches the others at once.
 */
@RestController
@RequestMapping(path = "/api/v1/signing-keys", produces = MediaType.APPLICATION_JSON_VALUE)
public class SigningKeyController {

	private final KeyRotation rotation;

	public SigningKeyController(KeyRotation rotation) {
		this.rotation = rotation;
	}

	@GetMapping
	public Map<String, Object> list() {
		return view(this.rotation.keyring());
	}

	/**
	 * Rotates now: {@code 200} with the new keyring, or {@code 409} when the next key has
	 * been published for less than {@code keyfleet.keys.rotation.publish-ahead} (unless
	 * {@code force=true}) or another node changed the keyring first.
	 */
	@PostMapping("/rotate")
	public Map<String, Object> rotate(@RequestParam(defaultValue = "false") boolean force, Authentication admin) {
		return view(this.rotation.rotate(force, admin.getName()));
	}

	/**
	 * Withdraws a compromised key from the JWKS at once ({@code 200} with the new keyring);
	 * if it was the active key, the next key signs from now on.
	 */
	@PostMapping("/{kid}/revoke")
	public Map<String, Object> revoke(@PathVariable String kid, Authentication admin) {
		return view(this.rotation.revoke(kid, admin.getName()));
	}

	private static Map<String, Object> view(Keyring ring) {
		List<Map<String, Object>> items = ring.ordered().stream().map(SigningKeyController::view).toList();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("version", ring.version());
		body.put("items", items);
		return body;
	}

	private static Map<String, Object> view(KeyringEntry entry) {
		Map<String, Object> key = new LinkedHashMap<>();
		key.put("kid", entry.kid());
		key.put("state", entry.state().wireName());
		key.put("alg", "ES256");
		key.put("storage", entry.storage());
		key.put("created_at", time(entry.createdAt()));
		key.put("activated_at", time(entry.activatedAt()));
		key.put("retired_at", time(entry.retiredAt()));
		key.put("published_until", time(entry.publishedUntil()));
		return key;
	}

	private static String time(Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

}
