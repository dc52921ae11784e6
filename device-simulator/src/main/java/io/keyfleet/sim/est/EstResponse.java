package io.keyfleet.sim.est;

import java.security.cert.X509Certificate;
import java.util.List;

import io.keyfleet.sim.ExitCodes;
import io.keyfleet.sim.OneLineErrorHandler;
import io.keyfleet.sim.SimException;

/**
 * What an EST server answered one request: the status, the body (base64 certs-only on
 * success, one line of text on refusal) and {@code Retry-After}.
 *
 * @param operation e.g. {@code simpleenroll}
 * @param status the HTTP status
 * @param body the body, possibly empty
 * @param retryAfter the {@code Retry-After} header, or {@code null}
 */
public record EstResponse(String operation, int status, String body, String retryAfter) {

	public boolean isSuccess() {
		return this.status == 200;
	}

	/**
	 * @return the certificate a successful enrollment issued (RFC 7030 Section 4.2.3: the
	 * first certificate of the certs-only message)
	 * @throws SimException with {@link ExitCodes#OAUTH_ERROR} and an explanation per status
	 * when the server refused, or exit code 1 when its answer is not a certs-only message
	 */
	public X509Certificate issued() {
		if (!isSuccess()) {
			throw new SimException(ExitCodes.OAUTH_ERROR, refusal(), null);
		}
		List<X509Certificate> certificates = CertsOnlyMessage.certificates(this.body);
		if (certificates.isEmpty()) {
			throw new SimException("the " + this.operation + " answer holds no certificate");
		}
		return certificates.get(0);
	}

	/**
	 * @return one line: what the refusal means (RFC 7030 Section 4.2.3), and the server's own words
	 */
	public String refusal() {
		String reason = switch (this.status) {
			case 400 -> "the request was refused as malformed (content type, base64, or the CSR's signature or key)";
			case 401 -> "not authenticated: the enrollment token is unknown, used or expired, or the TLS client "
					+ "certificate is not trusted for this operation";
			case 403 -> "authenticated, but not allowed to enroll (device suspended, quarantined, pending or retired)";
			case 429 -> "rate limited" + ((this.retryAfter != null) ? ": retry after " + this.retryAfter + " s" : "");
			case 503 -> "the server is temporarily unavailable"
					+ ((this.retryAfter != null) ? ": retry after " + this.retryAfter + " s" : "");
			default -> "unexpected answer";
		};
		String said = (this.body != null) ? OneLineErrorHandler.oneLine(this.body.strip()) : "";
		if (said.length() > 200) {
			said = said.substring(0, 200) + "...";
		}
		return "EST " + this.operation + " refused with HTTP " + this.status + ": " + reason
				+ (said.isEmpty() ? "" : " (server: " + said + ")");
	}

}
