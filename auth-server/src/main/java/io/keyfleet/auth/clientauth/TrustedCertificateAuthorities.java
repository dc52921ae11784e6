package io.keyfleet.auth.clientauth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.keyfleet.auth.keys.Pem;

/**
 * The CAs a {@code tls_client_auth} certificate must chain to (RFC 8705 §2.1): the device
 * CA and the manufacturer CAs configured in {@code keyfleet.mtls.trusted-ca-files}. Chains
 * are checked with the JDK's PKIX validator: signatures, validity periods, basic
 * constraints, path length. Revocation is Keyfleet's own (a Redis key per revoked
 * certificate), checked by {@link ClientCertificateVerifier}.
 */
public final class TrustedCertificateAuthorities {

	private final Set<TrustAnchor> anchors;

	public TrustedCertificateAuthorities(List<X509Certificate> certificates) {
		this.anchors = certificates.stream().map(c -> new TrustAnchor(c, null)).collect(Collectors.toUnmodifiableSet());
	}

	public static TrustedCertificateAuthorities fromFiles(List<Path> files) {
		List<X509Certificate> certificates = new ArrayList<>();
		for (Path file : files) {
			try {
				List<X509Certificate> read = Pem.readCertificates(Files.readString(file, StandardCharsets.US_ASCII));
				if (read.isEmpty()) {
					throw new IllegalStateException("keyfleet.mtls.trusted-ca-files: no certificate in " + file);
				}
				certificates.addAll(read);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("keyfleet.mtls.trusted-ca-files: cannot read " + file, ex);
			}
		}
		return new TrustedCertificateAuthorities(certificates);
	}

	/** Whether the chain (leaf first, intermediates after) leads to a trusted CA. */
	public boolean trusts(X509Certificate[] chain) {
		if (this.anchors.isEmpty() || chain.length == 0
				|| this.anchors.stream().anyMatch(a -> a.getTrustedCert().equals(chain[0]))) {
			return false;
		}
		try {
			CertificateFactory factory = CertificateFactory.getInstance("X.509");
			PKIXParameters parameters = new PKIXParameters(this.anchors);
			parameters.setRevocationEnabled(false);
			CertPathValidator.getInstance("PKIX")
				.validate(factory.generateCertPath(withoutAnchors(chain)), parameters);
			return true;
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

	private List<X509Certificate> withoutAnchors(X509Certificate[] chain) {
		List<X509Certificate> path = new ArrayList<>(Arrays.asList(chain));
		path.removeIf(c -> this.anchors.stream().anyMatch(a -> a.getTrustedCert().equals(c)));
		return path;
	}

	public int size() {
		return this.anchors.size();
	}

}
