package io.keyfleet.auth.est;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.keyfleet.auth.clientauth.PresentedCertificate;
import io.keyfleet.auth.pki.IssuedCertificate;

/**
 * EST (RFC 7030) at {@code /.well-known/est/} (§3.2.2), without CA labels:
 * {@code cacerts} (§4.1), {@code simpleenroll} (§4.2.1) and {@code simplereenroll}
 * (§4.2.2). Requests and responses are base64 DER, as §4 requires
 * ({@code Content-Transfer-Encoding: base64}); refusals are {@code text/plain}
 * (§4.2.3 leaves the body open), and a {@code 401} carries a {@code Bearer} challenge
 * (§3.2.3). Authentication is EST's own ({@link EstEnrollment}), not OAuth.
 */
@RestController
@RequestMapping("/.well-known/est")
public class EstController {

	static final MediaType PKCS7_MIME = MediaType.parseMediaType("application/pkcs7-mime");

	static final MediaType CERTS_ONLY = MediaType.parseMediaType("application/pkcs7-mime; smime-type=certs-only");

	static final MediaType PKCS10 = MediaType.parseMediaType("application/pkcs10");

	static final String CHALLENGE = "Bearer realm=\"keyfleet-est\"";

	/** Far larger than any PKCS#10 request with an RSA-4096 or P-521 key, base64-encoded. */
	private static final int MAX_CSR_BASE64 = 16 * 1024;

	private final EstEnrollment enrollment;

	private final CaCertificates caCertificates;

	EstController(EstEnrollment enrollment, CaCertificates caCertificates) {
		this.enrollment = enrollment;
		this.caCertificates = caCertificates;
	}

	/** RFC 7030 §4.1.3: the device CA and the CAs above it, as a certs-only message. */
	@GetMapping("/cacerts")
	public ResponseEntity<String> cacerts() {
		return base64(PKCS7_MIME, this.caCertificates.certsOnly());
	}

	@PostMapping("/simpleenroll")
	public ResponseEntity<String> simpleenroll(HttpServletRequest request, @RequestBody(required = false) byte[] body) {
		IssuedCertificate issued = this.enrollment.enroll(request.getHeader(HttpHeaders.AUTHORIZATION),
				chain(request), () -> csr(request, body), request.getRemoteAddr());
		return base64(CERTS_ONLY, CertsOnly.encodeDer(List.of(issued.der())));
	}

	@PostMapping("/simplereenroll")
	public ResponseEntity<String> simplereenroll(HttpServletRequest request,
			@RequestBody(required = false) byte[] body) {
		IssuedCertificate issued = this.enrollment.reenroll(chain(request), () -> csr(request, body),
				request.getRemoteAddr());
		return base64(CERTS_ONLY, CertsOnly.encodeDer(List.of(issued.der())));
	}

	@ExceptionHandler(EstRefusal.class)
	ResponseEntity<String> refused(EstRefusal refusal) {
		ResponseEntity.BodyBuilder response = ResponseEntity.status(refusal.status()).contentType(MediaType.TEXT_PLAIN);
		if (refusal.status() == HttpStatus.UNAUTHORIZED) {
			response.header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
		}
		return response.body(refusal.getMessage() + "\n");
	}

	private static X509Certificate[] chain(HttpServletRequest request) {
		Object chain = request.getAttribute(PresentedCertificate.ATTRIBUTE);
		return (chain instanceof X509Certificate[] certificates) ? certificates : null;
	}

	/**
	 * The DER request out of the body: RFC 7030 §4.2.1 sends it as
	 * {@code application/pkcs10}, base64 (line breaks allowed).
	 */
	private static byte[] csr(HttpServletRequest request, byte[] body) {
		MediaType type;
		try {
			type = MediaType.parseMediaType(request.getContentType());
		}
		catch (RuntimeException ex) {
			type = null;
		}
		if (type == null || !PKCS10.equalsTypeAndSubtype(type)) {
			throw EstRefusal.badRequest("the request must be application/pkcs10");
		}
		if (body == null || body.length == 0 || body.length > MAX_CSR_BASE64) {
			throw EstRefusal.badRequest("the body must be one base64 PKCS#10 request");
		}
		try {
			return Base64.getMimeDecoder().decode(new String(body, StandardCharsets.US_ASCII).trim());
		}
		catch (IllegalArgumentException ex) {
			throw EstRefusal.badRequest("the body is not base64");
		}
	}

	private static ResponseEntity<String> base64(MediaType type, String body) {
		return ResponseEntity.ok().contentType(type).header("Content-Transfer-Encoding", "base64").body(body);
	}

}
