package io.keyfleet.auth.keys;

import java.security.Key;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.LinkedHashSet;
import java.util.Set;

import javax.crypto.SecretKey;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.proc.JWSVerifierFactory;

/**
 * Creates JWS verifiers that run ECDSA on the {@link EcdsaProvider} and EdDSA on
 * BouncyCastle (keys are expected to be that provider's key objects already); RSA stays on
 * the JDK, which verifies RSA fast enough (~30,000/s). Unknown key types get no verifier.
 */
public final class FastJwsVerifierFactory implements JWSVerifierFactory {

	private static final Set<JWSAlgorithm> SUPPORTED;

	static {
		Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
		algorithms.addAll(ECDSAVerifier.SUPPORTED_ALGORITHMS);
		algorithms.addAll(RSASSAVerifier.SUPPORTED_ALGORITHMS);
		algorithms.addAll(MACVerifier.SUPPORTED_ALGORITHMS);
		algorithms.addAll(Ed25519Verifier.ALGORITHMS);
		SUPPORTED = Set.copyOf(algorithms);
	}

	private final JCAContext jcaContext = new JCAContext();

	/**
	 * ECDSA verifiers by key object: building one checks the point is on the curve with
	 * BigInteger arithmetic, which costs more than the verification itself on AWS-LC.
	 * Verifiers hold no per-call state, so one per key serves every thread.
	 */
	private final Cache<Key, JWSVerifier> ecdsaVerifiers = Caffeine.newBuilder().weakKeys().maximumSize(1_000_000).build();

	@Override
	public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
		JWSAlgorithm alg = header.getAlgorithm();
		if (ECDSAVerifier.SUPPORTED_ALGORITHMS.contains(alg) && key instanceof ECPublicKey ec) {
			JWSVerifier verifier = this.ecdsaVerifiers.getIfPresent(key);
			if (verifier == null) {
				ECDSAVerifier created = new ECDSAVerifier(ec);
				created.getJCAContext().setProvider(EcdsaProvider.provider());
				this.ecdsaVerifiers.put(key, created);
				verifier = created;
			}
			return verifier;
		}
		if (Ed25519Verifier.ALGORITHMS.contains(alg) && key instanceof PublicKey ed && isEd25519(ed)) {
			return new Ed25519Verifier(ed);
		}
		if (RSASSAVerifier.SUPPORTED_ALGORITHMS.contains(alg) && key instanceof RSAPublicKey rsa) {
			return new RSASSAVerifier(rsa);
		}
		if (MACVerifier.SUPPORTED_ALGORITHMS.contains(alg) && key instanceof SecretKey secret) {
			return new MACVerifier(secret);
		}
		throw new JOSEException("no verifier for alg " + alg + " with a " + key.getAlgorithm() + " key");
	}

	private static boolean isEd25519(PublicKey key) {
		return "Ed25519".equalsIgnoreCase(key.getAlgorithm()) || "EdDSA".equalsIgnoreCase(key.getAlgorithm());
	}

	@Override
	public Set<JWSAlgorithm> supportedJWSAlgorithms() {
		return SUPPORTED;
	}

	@Override
	public JCAContext getJCAContext() {
		return this.jcaContext;
	}

}
