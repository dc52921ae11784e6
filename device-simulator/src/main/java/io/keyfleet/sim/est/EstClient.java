package io.keyfleet.sim.est;

import java.net.MalformedURLException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;

import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import io.keyfleet.sim.HttpTransport;
import io.keyfleet.sim.SimException;

/**
 * An EST client (RFC 7030) for the operations Keyfleet serves at
 * {@code <issuer>/.well-known/est/} (Section 3.2.2, no CA label): {@code cacerts} (Section
 * 4.1), {@code simpleenroll} (Section 4.2.1) and {@code simplereenroll} (Section 4.2.2).
 * Requests carry base64 DER PKCS#10 as {@code application/pkcs10} with
 * {@code Content-Transfer-Encoding: base64}. Who the client is comes from the transport
 * (its TLS client certificate: a factory certificate or the current operational one) or
 * from an enrollment token sent as HTTP Bearer (Section 3.2.3 allows HTTP authentication).
 */
public final class EstClient {

	static final String PKCS10 = "application/pkcs10";

	private final HttpTransport http;

	private final URI base;

	/**
	 * @param http the transport, presenting the client certificate if any
	 * @param issuer the server's issuer URL
	 */
	public EstClient(HttpTransport http, URI issuer) {
		this.http = http;
		this.base = base(issuer);
	}

	/**
	 * @param issuer the issuer URL
	 * @return {@code <issuer>/.well-known/est} (RFC 7030 Section 3.2.2)
	 */
	public static URI base(URI issuer) {
		String value = issuer.toString();
		return URI.create((value.endsWith("/") ? value.substring(0, value.length() - 1) : value) + "/.well-known/est");
	}

	/**
	 * @return the CA certificates (RFC 7030 Section 4.1.3)
	 */
	public List<X509Certificate> cacerts() {
		HTTPRequest request = new HTTPRequest(HTTPRequest.Method.GET, url("cacerts"));
		EstResponse response = answer("cacerts", this.http.send(request));
		if (!response.isSuccess()) {
			throw new SimException(response.refusal());
		}
		return CertsOnlyMessage.certificates(response.body());
	}

	/**
	 * @param csr the DER request
	 * @param bearer an enrollment token, or {@code null} to be authenticated by the TLS client certificate
	 * @return the answer
	 */
	public EstResponse simpleenroll(byte[] csr, String bearer) {
		return post("simpleenroll", csr, bearer);
	}

	/**
	 * @param csr the DER request
	 * @return the answer; the transport must present the current operational certificate
	 */
	public EstResponse simplereenroll(byte[] csr) {
		return post("simplereenroll", csr, null);
	}

	private EstResponse post(String operation, byte[] csr, String bearer) {
		HTTPRequest request = new HTTPRequest(HTTPRequest.Method.POST, url(operation));
		request.setHeader("Content-Type", PKCS10);
		request.setHeader("Content-Transfer-Encoding", "base64");
		request.setHeader("Accept", "application/pkcs7-mime");
		if (bearer != null) {
			request.setAuthorization("Bearer " + bearer);
		}
		request.setBody(CertificationRequests.base64(csr));
		return answer(operation, this.http.send(request));
	}

	private static EstResponse answer(String operation, HTTPResponse response) {
		return new EstResponse(operation, response.getStatusCode(),
				(response.getBody() != null) ? response.getBody() : "", response.getHeaderValue("Retry-After"));
	}

	private java.net.URL url(String operation) {
		try {
			return URI.create(this.base + "/" + operation).toURL();
		}
		catch (MalformedURLException ex) {
			throw new SimException("invalid EST URL " + this.base + "/" + operation, ex);
		}
	}

}
