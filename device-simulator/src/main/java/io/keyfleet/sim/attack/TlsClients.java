package io.keyfleet.sim.attack;

import java.nio.file.Path;
import java.time.Duration;

import javax.net.ssl.SSLContext;

import io.keyfleet.sim.HttpTransport;
import io.keyfleet.sim.TlsContext;
import io.keyfleet.sim.binding.ClientCertificate;

/**
 * TLS connections as an attacker chooses them: trusting the servers' CA, and presenting a
 * given client certificate or none (RFC 8705 Section 3: what a certificate-bound token is
 * checked against).
 *
 * @param caFile the CA file of the servers
 * @param timeout connect and read timeout
 */
public record TlsClients(Path caFile, Duration timeout) {

	/**
	 * @param certificate the client certificate to present, or {@code null} for none
	 * @return a TLS context for new connections
	 */
	SSLContext sslContext(ClientCertificate certificate) {
		return TlsContext.sslContext(this.caFile, (certificate != null) ? certificate.keyManagers() : null);
	}

	/**
	 * @param certificate the client certificate to present, or {@code null} for none
	 * @return a transport for OAuth requests over such connections
	 */
	HttpTransport transport(ClientCertificate certificate) {
		return new HttpTransport(sslContext(certificate).getSocketFactory(), this.timeout, null);
	}

}
