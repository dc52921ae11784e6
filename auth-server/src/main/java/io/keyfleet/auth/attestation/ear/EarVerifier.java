package io.keyfleet.auth.attestation.ear;

import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import io.keyfleet.auth.attestation.AttestationException;
import io.keyfleet.auth.attestation.AttestationException.Reason;
import io.keyfleet.auth.attestation.AttestationStatus;
import io.keyfleet.auth.attestation.DeviceAttestation;
import io.keyfleet.auth.attestation.NonceCheck;
import io.keyfleet.auth.keys.FastJwsVerifierFactory;

/**
 * Verifies an EAT Attestation Result (draft-ietf-rats-ear) signed by one trusted external
 * verifier: signature under a key of its JWKS, {@code iss} when configured, an {@code iat}
 * no older than the challenge lifetime, {@code eat_nonce} an issued challenge, a
 * {@code ueid} (when present) equal to the device's, and the trust tier it states —
 * {@code ear.status} at the top, or the worst {@code ear.status} of its {@code submods}.
 * A status of {@code none} (no claim could be made) counts as contraindicated.
 */
public final class EarVerifier {

	private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384,
			JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.EdDSA);

	private static final int MAX_JWKS_BYTES = 256 * 1024;

	private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

	private final String issuer;

	private final Duration maxAge;

	private final Clock clock;

	public EarVerifier(URI jwksUrl, String issuer, Duration timeout, Duration maxAge, Clock clock) {
		VerifierUrls.check(jwksUrl, "JWKS URL");
		int millis = (int) timeout.toMillis();
		JWKSource<SecurityContext> keys;
		try {
			keys = JWKSourceBuilder.create(jwksUrl.toURL(), new DefaultResourceRetriever(millis, millis, MAX_JWKS_BYTES))
				.build();
		}
		catch (MalformedURLException ex) {
			throw new IllegalArgumentException("unusable JWKS URL " + jwksUrl, ex);
		}
		this.processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
		// ECDSA on AWS-LC where it loads, as for EATs and client assertions
		this.processor.setJWSVerifierFactory(new FastJwsVerifierFactory());
		this.processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, null,
				new JOSEObjectType("ear+jwt"), new JOSEObjectType("eat+jwt")));
		// exp, nbf and iat are checked below against the injected clock
		this.processor.setJWTClaimsSetVerifier((claims, context) -> {
		});
		this.issuer = issuer;
		this.maxAge = maxAge;
		this.clock = clock;
	}

	/**
	 * @param nonces accepts {@code eat_nonce} (uses up the challenge)
	 * @param signatureFailure the reason to give when the signature does not verify
	 */
	public AttestationStatus verify(String ear, DeviceAttestation device, NonceCheck nonces, Reason signatureFailure) {
		JWTClaimsSet claims;
		try {
			claims = this.processor.process(ear, null);
		}
		catch (ParseException ex) {
			throw new AttestationException(Reason.MALFORMED, "ear: not a signed JWT");
		}
		catch (KeySourceException ex) {
			throw new AttestationException(Reason.VERIFIER_UNAVAILABLE, "ear: the verifier's keys cannot be fetched");
		}
		catch (BadJOSEException | JOSEException ex) {
			throw new AttestationException(signatureFailure, "ear: not signed by the trusted verifier");
		}
		checkTimes(claims);
		if (this.issuer != null && !this.issuer.equals(claims.getIssuer())) {
			throw new AttestationException(signatureFailure, "ear: issued by " + claims.getIssuer() + ", not the trusted verifier");
		}
		// a result names the device it is about; without that, one device's clean result
		// could be presented by another (both can get a challenge)
		Object ueid = claims.getClaim("ueid");
		if ((ueid != null || device.ueid() != null) && (ueid == null || !ueid.equals(device.ueid()))) {
			throw new AttestationException(Reason.IDENTITY_MISMATCH, "ear: ueid is not the registered one");
		}
		AttestationStatus status = status(claims);
		if (!(claims.getClaim("eat_nonce") instanceof String nonce) || !nonces.accept(nonce)) {
			throw new AttestationException(Reason.NONCE_UNKNOWN, "ear: eat_nonce is not an issued challenge");
		}
		return status;
	}

	private void checkTimes(JWTClaimsSet claims) {
		Date issuedAt = claims.getIssueTime();
		long now = this.clock.millis();
		if (issuedAt == null || issuedAt.getTime() > now + 60_000 || issuedAt.getTime() < now - this.maxAge.toMillis()) {
			throw new AttestationException(Reason.MALFORMED, "ear: iat is missing or not recent");
		}
		if (claims.getExpirationTime() != null && claims.getExpirationTime().getTime() <= now) {
			throw new AttestationException(Reason.MALFORMED, "ear: expired");
		}
	}

	private static AttestationStatus status(JWTClaimsSet claims) {
		List<Object> statuses = new ArrayList<>();
		if (claims.getClaim("ear.status") != null) {
			statuses.add(claims.getClaim("ear.status"));
		}
		if (claims.getClaim("submods") instanceof Map<?, ?> submods) {
			submods.values().forEach(submod -> statuses
				.add((submod instanceof Map<?, ?> appraisal) ? appraisal.get("ear.status") : null));
		}
		if (statuses.isEmpty()) {
			throw new AttestationException(Reason.MALFORMED, "ear: no ear.status");
		}
		AttestationStatus worst = AttestationStatus.AFFIRMING;
		for (Object status : statuses) {
			if ("none".equals(status)) {
				return AttestationStatus.CONTRAINDICATED;
			}
			worst = worst.worst(AttestationStatus.fromWireName(String.valueOf(status))
				.orElseThrow(() -> new AttestationException(Reason.MALFORMED, "ear: unknown ear.status " + status)));
		}
		return worst;
	}

}
