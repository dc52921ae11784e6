package io.keyfleet.guard.tls;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.X509TrustManager;

/**
 * A server's trust manager for client certificates that lets every client certificate
 * through the TLS handshake. At a resource server a client certificate authenticates
 * nothing: it only proves possession of the key a certificate-bound token is bound to
 * (RFC 8705 Section 3), and the guard compares thumbprints. Whether the certificate
 * deserved a token was decided by the auth-server at issuance — it may be self-signed
 * ({@code self_signed_tls_client_auth}) or from the device CA.
 *
 * <p>
 * {@link #getAcceptedIssuers()} is empty on purpose: the TLS {@code CertificateRequest}
 * then names no CA, and clients offer whichever certificate they have (a JDK client with
 * a self-signed certificate would otherwise offer none). Tomcat instantiates it by class
 * name ({@code SSLHostConfig#setTrustManagerClassName}), hence the public no-argument
 * constructor. It never checks servers.
 *
 * @see <a href="https://datatracker.ietf.org/doc/html/rfc8705#section-3">RFC 8705 Section
 * 3 Mutual-TLS Client Certificate-Bound Access Tokens</a>
 */
public final class AnyClientCertificateTrustManager implements X509TrustManager {

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		if (chain == null || chain.length == 0) {
			throw new CertificateException("no client certificate");
		}
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		throw new CertificateException("this trust manager checks client certificates only");
	}

	@Override
	public X509Certificate[] getAcceptedIssuers() {
		return new X509Certificate[0];
	}

}
