package io.keyfleet.sim.load;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.SSLSocketFactory;

/**
 * One kind of device-PKI request a load run repeats: EST {@code simpleenroll} or
 * {@code simplereenroll} (RFC 7030 Section 4.2), or an OCSP request (RFC 6960 Appendix
 * A.1). Shared by all workers: request {@code index} is written from prepared material
 * (tokens, CSRs, certificate ids), so that the measured time is the server's work plus
 * the transport, not key generation.
 */
interface PkiOperation {

	/**
	 * @return the report's name of the operation, e.g. {@code simpleenroll}
	 */
	String name();

	/**
	 * @param request the worker's buffer, reset here
	 * @param index the request's number
	 */
	void write(AsciiBuffer request, long index);

	/**
	 * @param index the request's number
	 * @return the device whose own certificate the request must go over, or {@code null}
	 * for the worker's own connection
	 */
	default String device(long index) {
		return null;
	}

	/**
	 * @param index the request's number
	 * @return the socket factory presenting {@link #device(long)}'s certificate
	 */
	default SSLSocketFactory socketFactory(long index) {
		return null;
	}

	/**
	 * Judges an answer; a failure is counted in {@code phase}.
	 * @param phase the phase
	 * @param index the request's number
	 * @param response the answer
	 * @return whether it succeeded
	 */
	boolean judge(Phase phase, long index, Http1Response response);

	/**
	 * Writes the head of an HTTP/1.1 {@code POST} and its body.
	 * @param request the buffer, reset here
	 * @param target the URL
	 * @param headers more header lines, each ending in CRLF, possibly ""
	 * @param body the body
	 */
	static void post(AsciiBuffer request, URI target, String headers, byte[] body) {
		request.reset()
			.append("POST ")
			.append(target.getRawPath())
			.append(" HTTP/1.1\r\nHost: ")
			.append(target.getRawAuthority())
			.append("\r\n")
			.append(headers)
			.append("Content-Length: ")
			.append(body.length)
			.append("\r\n\r\n")
			.append(body);
	}

	/**
	 * Counts an EST answer other than {@code 200} with a body (RFC 7030 Section 4.2.3).
	 * @param phase the phase
	 * @param response the answer
	 * @return whether it was a certificate
	 */
	static boolean judgeEst(Phase phase, Http1Response response) {
		if (response.status() == 200 && response.body().length > 0) {
			return true;
		}
		phase.errors.answer("", response.status(), (response.status() == 200) ? "empty" : null);
		return false;
	}

	/**
	 * @param base64 a base64 CSR
	 * @return its bytes as a body
	 */
	static byte[] ascii(String base64) {
		return base64.getBytes(StandardCharsets.US_ASCII);
	}

}
