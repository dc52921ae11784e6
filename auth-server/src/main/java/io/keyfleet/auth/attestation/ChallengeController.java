package io.keyfleet.auth.attestation;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /oauth2/challenge}: a fresh attestation nonce for a device's evidence. No
 * client authentication; rate limited per source address. Response shape from
 * draft-ietf-oauth-attestation-based-client-auth.
 */
@RestController
public class ChallengeController {

	private final ChallengeStore challenges;

	public ChallengeController(ChallengeStore challenges) {
		this.challenges = challenges;
	}

	@PostMapping(path = "/oauth2/challenge", produces = MediaType.APPLICATION_JSON_VALUE)
	public ResponseEntity<Map<String, Object>> challenge() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("attestation_challenge", this.challenges.issue());
		body.put("expires_in", this.challenges.lifetime().toSeconds());
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
	}

}
