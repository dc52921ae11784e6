package io.keyfleet.auth.admin;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.util.StringUtils;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.keyfleet.auth.pki.CertificateRevoker;

/** {@code /api/v1/certificates}: revocation of device certificates. */
@RestController
@RequestMapping("/api/v1/certificates")
public class CertificateController {

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final CertificateRevoker revoker;

	public CertificateController(CertificateRevoker revoker) {
		this.revoker = revoker;
	}

	/**
	 * Revokes a certificate; the CRL and OCSP say so on their next request.
	 *
	 * <p>
	 * The body is read as text, whatever its content type, because many HTTP clients send
	 * an empty POST with a default type (the JDK's and curl's form type), which Spring's
	 * JSON binding would refuse with {@code 415}. An empty body means no reason; a body
	 * that is not JSON is refused ({@code 415}) rather than ignored, so a reason is never
	 * lost.
	 * @param serial hex, any case, as {@code openssl x509 -serial} prints it
	 * @param body optional {@code {"reason": "<RFC 5280 §5.3.1 name>"}}, default {@code unspecified}
	 */
	@PostMapping("/{serial}/revoke")
	public ResponseEntity<Void> revoke(@PathVariable String serial, @RequestBody(required = false) String body,
			HttpServletRequest request, Authentication admin) throws HttpMediaTypeNotSupportedException {
		this.revoker.revoke(serial, reason(body, request), admin.getName());
		return ResponseEntity.noContent().build();
	}

	private static String reason(String body, HttpServletRequest request) throws HttpMediaTypeNotSupportedException {
		if (!StringUtils.hasText(body)) {
			// a form body was already read as parameters: its length still shows
			if (request.getContentLengthLong() > 0) {
				throw new HttpMediaTypeNotSupportedException("the optional body must be application/json");
			}
			return null;
		}
		if (!isJson(request.getContentType())) {
			throw new HttpMediaTypeNotSupportedException("the optional body must be application/json");
		}
		try {
			return JSON.readValue(body, RevokeRequest.class).reason();
		}
		catch (JacksonException ex) {
			throw new HttpMessageNotReadableException("the body is not a revocation request: {\"reason\": \"...\"}",
					new ServletServerHttpRequest(request));
		}
	}

	private static boolean isJson(String contentType) {
		try {
			return contentType != null && MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/** The optional request body. */
	public record RevokeRequest(String reason) {
	}

}
