package io.keyfleet.auth.attestation;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The evidence verifiers of this server by {@code attestation_format} (SPIRE's plugin
 * repository): a format with no verifier is refused, never passed through.
 */
public final class EvidenceVerifierRegistry {

	private final Map<String, EvidenceVerifier> verifiers = new TreeMap<>();

	public EvidenceVerifierRegistry(Collection<? extends EvidenceVerifier> verifiers) {
		for (EvidenceVerifier verifier : verifiers) {
			if (this.verifiers.putIfAbsent(verifier.format(), verifier) != null) {
				throw new IllegalStateException("two evidence verifiers for format '" + verifier.format() + "'");
			}
		}
	}

	public Optional<EvidenceVerifier> find(String format) {
		return Optional.ofNullable(this.verifiers.get(format));
	}

	public Set<String> formats() {
		return Set.copyOf(this.verifiers.keySet());
	}

}
