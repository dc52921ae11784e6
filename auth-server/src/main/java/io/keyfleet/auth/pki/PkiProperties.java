package io.keyfleet.auth.pki;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The device PKI ({@code keyfleet.pki.*}). Dev mode points the device CA at the files it
 * generated under the data directory; production mode must configure exactly one source
 * of it and refuses to start without (see {@link DeviceCaSources}).
 *
 * @param deviceCa where the device CA's certificate and private key come from
 * @param certificateLifetime how long an issued device certificate is valid
 * @param crlValidity the CRL's {@code nextUpdate} − {@code thisUpdate} (RFC 5280 §5.1.2.5)
 * @param ocspValidity an OCSP response's {@code nextUpdate} − {@code thisUpdate} (RFC 6960 §4.2.2.1)
 * @param ocspCacheLifetime how long a signed answer to a request without nonce may be
 * served again (RFC 5019 §2.2 pre-produced responses); at most half of {@code ocspValidity},
 * {@code 0} turns the cache off. A revocation drops the cache on every node at once
 * ({@link OcspResponseCache})
 * @param enrollmentTokenLifetime how long an unused EST enrollment token stays valid
 */
@Validated
@ConfigurationProperties("keyfleet.pki")
public record PkiProperties(@Valid @NotNull @DefaultValue DeviceCaProperties deviceCa,
		@NotNull @DefaultValue("7d") Duration certificateLifetime, @NotNull @DefaultValue("1d") Duration crlValidity,
		@NotNull @DefaultValue("1h") Duration ocspValidity, @NotNull @DefaultValue("60s") Duration ocspCacheLifetime,
		@NotNull @DefaultValue("24h") Duration enrollmentTokenLifetime) {

	/**
	 * The device CA: PEM files ({@code certificate}, {@code privateKey}), a PKCS#12 file or
	 * a key in a PKCS#11 token — exactly one of them.
	 * @param certificate PEM file with the device CA certificate
	 * @param privateKey PEM file (PKCS#8) with the device CA's private key
	 * @param chain optional PEM file with the CAs above the device CA (up to the root),
	 * which EST {@code cacerts} serves beside it (RFC 7030 §4.1.3); a PKCS#12 file may
	 * carry them instead
	 * @param pkcs12 the CA from a PKCS#12 file instead of the PEM files
	 * @param pkcs11 the CA's key in a PKCS#11 token instead of the PEM files
	 */
	public record DeviceCaProperties(Path certificate, Path privateKey, Path chain,
			@Valid Pkcs12DeviceCaProperties pkcs12, @Valid Pkcs11DeviceCaProperties pkcs11) {

		/** Only the PEM files (tests, and what dev mode generates). */
		public static DeviceCaProperties files(Path certificate, Path privateKey, Path chain) {
			return new DeviceCaProperties(certificate, privateKey, chain, null, null);
		}

	}

}
