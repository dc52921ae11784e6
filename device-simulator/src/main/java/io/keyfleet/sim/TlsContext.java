package io.keyfleet.sim;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS client context that trusts exactly the CA certificates of one PEM file (the dev
 * server's {@code ca/root.pem}, or a production CA), not the JDK's default trust store.
 */
public final class TlsContext {

	private TlsContext() {
	}

	/**
	 * Builds a socket factory trusting the certificates in {@code caFile}.
	 * @param caFile PEM file with one or more CA certificates
	 * @return the socket factory
	 * @throws SimException when the file cannot be read or holds no certificate
	 */
	public static SSLSocketFactory socketFactory(Path caFile) {
		return sslContext(caFile).getSocketFactory();
	}

	/**
	 * Builds a TLS context trusting the certificates in {@code caFile}.
	 * @param caFile PEM file with one or more CA certificates
	 * @return the context
	 * @throws SimException when the file cannot be read or holds no certificate
	 */
	public static SSLContext sslContext(Path caFile) {
		return sslContext(caFile, null);
	}

	/**
	 * Builds a TLS context trusting the certificates in {@code caFile} that presents a client
	 * certificate when the server asks for one (RFC 8446 Section 4.3.2; RFC 8705).
	 * @param caFile PEM file with one or more CA certificates
	 * @param keyManagers the client certificate's key managers, or {@code null} for none
	 * @return the context
	 * @throws SimException when the file cannot be read or holds no certificate
	 */
	public static SSLContext sslContext(Path caFile, KeyManager[] keyManagers) {
		List<X509Certificate> anchors = readAnchors(caFile);
		try {
			KeyStore trustStore = KeyStore.getInstance("PKCS12");
			trustStore.load(null, null);
			for (int i = 0; i < anchors.size(); i++) {
				trustStore.setCertificateEntry("ca-" + i, anchors.get(i));
			}
			TrustManagerFactory trustManagers = TrustManagerFactory
				.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trustManagers.init(trustStore);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keyManagers, trustManagers.getTrustManagers(), null);
			return context;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new SimException("cannot build a TLS context from CA file " + caFile + ": " + ex.getMessage(), ex);
		}
	}

	private static List<X509Certificate> readAnchors(Path caFile) {
		try {
			List<X509Certificate> certificates = Pem.readCertificates(caFile);
			if (certificates.isEmpty()) {
				throw new SimException("CA file " + caFile + " holds no PEM certificate");
			}
			return certificates;
		}
		catch (NoSuchFileException ex) {
			throw new SimException("CA file " + caFile + " not found (start the auth-server in dev mode, "
					+ "set " + DataDirectory.ENV_VARIABLE + ", or pass --ca-file)", ex);
		}
		catch (IOException ex) {
			throw new SimException("cannot read CA file " + caFile + ": " + ex.getMessage(), ex);
		}
	}

}
