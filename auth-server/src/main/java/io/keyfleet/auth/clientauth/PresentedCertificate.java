package io.keyfleet.auth.clientauth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The client certificate of the request being served: the one presented on its own TLS
 * connection, or the one a trusted proxy forwarded ({@link ClientCertHeaderFilter}) —
 * both end up in the servlet attribute {@code jakarta.servlet.request.X509Certificate}.
 */
public final class PresentedCertificate {

	public static final String ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

	private PresentedCertificate() {
	}

	/** The leaf certificate of the current request, or null. */
	public static X509Certificate current() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (!(attributes instanceof ServletRequestAttributes servlet)) {
			return null;
		}
		return of(servlet.getRequest());
	}

	/** The leaf certificate of a request, or null. */
	public static X509Certificate of(HttpServletRequest request) {
		Object chain = request.getAttribute(ATTRIBUTE);
		return (chain instanceof X509Certificate[] certificates && certificates.length > 0) ? certificates[0] : null;
	}

	/** RFC 8705 §3.1: base64url SHA-256 of the DER certificate ({@code x5t#S256}). */
	public static String thumbprint(X509Certificate certificate) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (CertificateEncodingException | NoSuchAlgorithmException ex) {
			throw new IllegalStateException("cannot fingerprint the client certificate", ex);
		}
	}

}
