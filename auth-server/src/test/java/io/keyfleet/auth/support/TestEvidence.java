package io.keyfleet.auth.support;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * EAT evidence (RFC 9711, {@code typ eat+jwt}) signed by real keys, with the claims a
 * healthy KF-EDGE-100 reports by default; each setter breaks one thing.
 */
public final class TestEvidence {

	public static final String BOOTLOADER = "sha-256:" + "1".repeat(64);

	public static final String KERNEL = "sha-256:" + "2".repeat(64);

	private final ECKey key;

	private final String ueid;

	private Object nonce;

	private Object swversion = List.of("2.5.0");

	private Object dbgstat = "disabled-since-boot";

	private Boolean secboot = true;

	private String swname = "keyfleet-edge-os";

	private String typ = "eat+jwt";

	private List<Map<String, String>> measurements = new ArrayList<>(
			List.of(Map.of("component", "bootloader", "digest", BOOTLOADER), Map.of("component", "kernel", "digest", KERNEL)));

	private List<Base64> x5c;

	private TestEvidence(ECKey key, String ueid, String nonce) {
		this.key = key;
		this.ueid = ueid;
		this.nonce = nonce;
	}

	public static TestEvidence eat(ECKey key, String ueid, String nonce) {
		return new TestEvidence(key, ueid, nonce);
	}

	/** The policy these defaults pass: min 2.4.0, recommended 2.5.0, secure boot, two digests. */
	public static Map<String, Object> policy(String model, int maxAgeSeconds) {
		Map<String, Object> eat = new LinkedHashMap<>();
		eat.put("swname", "keyfleet-edge-os");
		eat.put("min_swversion", "2.4.0");
		eat.put("recommended_swversion", "2.5.0");
		eat.put("require_secboot", true);
		eat.put("measurements", Map.of("bootloader", List.of(BOOTLOADER), "kernel", List.of(KERNEL)));
		Map<String, Object> policy = new LinkedHashMap<>();
		policy.put("model", model);
		policy.put("max_age_seconds", maxAgeSeconds);
		policy.put("eat", eat);
		return policy;
	}

	public TestEvidence nonce(Object nonce) {
		this.nonce = nonce;
		return this;
	}

	public TestEvidence swversion(Object swversion) {
		this.swversion = swversion;
		return this;
	}

	public TestEvidence dbgstat(Object dbgstat) {
		this.dbgstat = dbgstat;
		return this;
	}

	public TestEvidence secboot(Boolean secboot) {
		this.secboot = secboot;
		return this;
	}

	public TestEvidence swname(String swname) {
		this.swname = swname;
		return this;
	}

	public TestEvidence typ(String typ) {
		this.typ = typ;
		return this;
	}

	public TestEvidence measurement(String component, String digest) {
		this.measurements.removeIf(m -> m.get("component").equals(component));
		if (digest != null) {
			this.measurements.add(Map.of("component", component, "digest", digest));
		}
		return this;
	}

	public TestEvidence x5c(List<Base64> chain) {
		this.x5c = chain;
		return this;
	}

	public String sign() {
		try {
			JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType(this.typ));
			if (this.x5c != null) {
				header.x509CertChain(this.x5c);
			}
			else {
				header.keyID(this.key.getKeyID());
			}
			JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().claim("eat_nonce", this.nonce)
				.claim("ueid", this.ueid)
				.claim("hwmodel", "S0YtRURHRS0xMDA")
				.claim("swname", this.swname)
				.claim("swversion", this.swversion)
				.claim("dbgstat", this.dbgstat)
				.claim("secboot", this.secboot)
				.claim("kf_measurements", this.measurements)
				.issueTime(new Date());
			SignedJWT jwt = new SignedJWT(header.build(), claims.build());
			jwt.sign(new ECDSASigner(this.key));
			return jwt.serialize();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
