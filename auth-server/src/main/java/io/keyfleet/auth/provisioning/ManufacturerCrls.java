package io.keyfleet.auth.provisioning;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current CRL (RFC 5280 §5) of an enrollment group's manufacturer CA: the one given
 * inline, or the one at the group's URL — downloaded with a timeout and a size cap, and
 * kept per node for {@code keyfleet.provisioning.crl-cache-ttl} but never past its
 * {@code nextUpdate}. Whatever its source, a CRL counts only when the group's CA signed it
 * and it is current (§6.3.3 (a), (f)); otherwise there is none, and the caller fails
 * closed. A failed download is retried on the next request: the CRL server is not
 * hammered harder than devices call.
 */
final class ManufacturerCrls {

	private static final Logger log = LoggerFactory.getLogger(ManufacturerCrls.class);

	private static final Pattern PEM = Pattern.compile(
			"-----BEGIN X509 CRL-----([A-Za-z0-9+/=\\s]+)-----END X509 CRL-----");

	private final HttpClient http;

	private final ProvisioningProperties properties;

	private final Clock clock;

	private final Cache<String, Fetched> downloaded = Caffeine.newBuilder().maximumSize(1000).build();

	private final Cache<String, X509CRL> inline = Caffeine.newBuilder().maximumSize(1000).build();

	ManufacturerCrls(ProvisioningProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
		this.http = HttpClient.newBuilder()
			.connectTimeout(properties.crlFetchTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/** The group's current CRL, signed by {@code ca}. */
	X509CRL current(CrlSource source, X509Certificate ca) throws CrlUnavailableException {
		X509CRL crl;
		if (source.pem() != null) {
			try {
				crl = this.inline.get(source.pem(), pem -> parse(pem.getBytes(StandardCharsets.US_ASCII)));
			}
			catch (IllegalArgumentException ex) {
				throw new CrlUnavailableException("the inline CRL is unreadable");
			}
		}
		else {
			crl = downloaded(source.url());
		}
		try {
			crl.verify(ca.getPublicKey());
		}
		catch (GeneralSecurityException ex) {
			throw new CrlUnavailableException("the CRL is not signed by the manufacturer CA");
		}
		if (crl.getNextUpdate() != null && crl.getNextUpdate().toInstant().isBefore(this.clock.instant())) {
			throw new CrlUnavailableException("the CRL is past its nextUpdate");
		}
		return crl;
	}

	private X509CRL downloaded(String url) throws CrlUnavailableException {
		Instant now = this.clock.instant();
		Fetched cached = this.downloaded.getIfPresent(url);
		if (cached != null && now.isBefore(cached.refreshAt())) {
			return cached.crl();
		}
		try {
			X509CRL crl = fetch(url);
			Instant refreshAt = now.plus(this.properties.crlCacheTtl());
			if (crl.getNextUpdate() != null && crl.getNextUpdate().toInstant().isBefore(refreshAt)) {
				refreshAt = crl.getNextUpdate().toInstant();
			}
			this.downloaded.put(url, new Fetched(crl, refreshAt));
			return crl;
		}
		catch (IOException | IllegalArgumentException ex) {
			log.warn("Cannot fetch the manufacturer CRL at {}: {}", url, ex.getMessage());
			throw new CrlUnavailableException("the CRL cannot be fetched");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CrlUnavailableException("interrupted while fetching the CRL");
		}
	}

	private X509CRL fetch(String url) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url))
			.timeout(this.properties.crlFetchTimeout())
			.header("Accept", "application/pkix-crl, application/x-pem-file")
			.GET()
			.build();
		HttpResponse<InputStream> response = this.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
		try (InputStream body = response.body()) {
			if (response.statusCode() != 200) {
				throw new IOException("status " + response.statusCode());
			}
			byte[] bytes = body.readNBytes(this.properties.crlMaxBytes() + 1);
			if (bytes.length > this.properties.crlMaxBytes()) {
				throw new IOException("larger than " + this.properties.crlMaxBytes() + " bytes");
			}
			return parse(bytes);
		}
	}

	/** A CRL in DER or PEM ({@code X509 CRL}, RFC 7468 §6). */
	static X509CRL parse(byte[] bytes) {
		byte[] der = bytes;
		Matcher pem = PEM.matcher(new String(bytes, StandardCharsets.US_ASCII));
		if (pem.find()) {
			der = Base64.getMimeDecoder().decode(pem.group(1).trim());
		}
		try {
			return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			throw new IllegalArgumentException("not a CRL", ex);
		}
	}

	private record Fetched(X509CRL crl, Instant refreshAt) {
	}

}
