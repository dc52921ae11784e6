package io.keyfleet.sample;

import org.apache.tomcat.util.net.SSLHostConfig;

import io.keyfleet.guard.tls.AnyClientCertificateTrustManager;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lets every client certificate through the TLS handshake
 * ({@link AnyClientCertificateTrustManager}): a device's certificate may be self-signed
 * or from the device CA, and here it only has to match the {@code cnf.x5t#S256} of the
 * token it is bound to (RFC 8705 Section 3) — the auth-server established trust in it at
 * issuance. Client certificates stay optional ({@code server.ssl.client-auth=want}).
 */
@Configuration(proxyBeanMethods = false)
class SampleTlsConfiguration {

	@Bean
	TomcatConnectorCustomizer anyClientCertificateConnectorCustomizer() {
		return (connector) -> {
			for (SSLHostConfig tls : connector.findSslHostConfigs()) {
				if (tls.getCertificateVerification() != SSLHostConfig.CertificateVerification.NONE) {
					tls.setTrustManagerClassName(AnyClientCertificateTrustManager.class.getName());
				}
			}
		};
	}

}
