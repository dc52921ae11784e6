package io.keyfleet.guard.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestOperations;
import org.springframework.web.client.RestTemplate;

/**
 * The HTTP client the guard fetches the issuer's JWK Set with: TLS trusting exactly the
 * configured trust anchor(s) (a PEM file, e.g. the dev root CA {@code .keyfleet/ca/root.pem}),
 * or the JVM's default trust store when none is configured; short timeouts, since
 * Spring's decoder fetches while holding a lock.
 */
public final class TrustAnchors {

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

	private TrustAnchors() {
	}

	/**
	 * @param trustAnchor PEM file with one or more CA certificates, or {@code null}
	 * @return the {@link RestOperations} for {@code NimbusJwtDecoder.withJwkSetUri(..).restOperations(..)}
	 */
	public static RestOperations restOperations(@Nullable Resource trustAnchor) {
		HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT);
		if (trustAnchor != null) {
			client.sslContext(sslContext(trustAnchor));
		}
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client.build());
		requests.setReadTimeout(READ_TIMEOUT);
		return new RestTemplate(requests);
	}

	/**
	 * @param trustAnchor PEM file with one or more CA certificates
	 * @return a TLS context that trusts servers chaining to them, and nothing else
	 */
	public static SSLContext sslContext(Resource trustAnchor) {
		try (InputStream in = trustAnchor.getInputStream()) {
			Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
				.generateCertificates(in);
			if (certificates.isEmpty()) {
				throw new IllegalArgumentException("no certificate in " + trustAnchor);
			}
			KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
			store.load(null, null);
			int i = 0;
			for (Certificate certificate : certificates) {
				store.setCertificateEntry("anchor-" + i++, certificate);
			}
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(store);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return context;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the trust anchor " + trustAnchor, ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("cannot use the trust anchor " + trustAnchor + ": " + ex.getMessage(),
					ex);
		}
	}

}
