package io.keyfleet.auth.clientauth;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.X509TrustManager;

/**
 * The TLS layer's trust manager for client certificates: it lets every client certificate
 * through the handshake, so that the token endpoint can see it and decide. A
 * {@code self_signed_tls_client_auth} certificate chains to nothing (RFC 8705 §2.2), a
 * {@code tls_client_auth} one must chain to the device CA or a manufacturer CA
 * ({@link ClientCertificateVerifier} checks), and a certificate that only binds a token
 * (RFC 8705 §3) needs no chain at all. Nothing is trusted merely because the handshake
 * passed.
 *
 * <p>
 * Tomcat instantiates it by class name ({@code SSLHostConfig#setTrustManagerClassName}),
 * hence the public no-argument constructor. It is never used to check servers.
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
