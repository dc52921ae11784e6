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
 * generated under the data directory; production mode must configure them and refuses to
 * start without (see {@link DeviceCa#load}).
 *
 * @param deviceCa the device CA's certificate and private key (PEM files)
 * @param certificateLifetime how long an issued device certificate is valid
 * @param crlValidity the CRL's {@code nextUpdate} − {@code thisUpdate} (RFC 5280 §5.1.2.5)
 * @param ocspValidity an OCSP response's {@code nextUpdate} − {@code thisUpdate} (RFC 6960 §4.2.2.1)
 * @param enrollmentTokenLifetime how long an unused EST enrollment token stays valid
 */
@Validated
@ConfigurationProperties("keyfleet.pki")
public record PkiProperties(@Valid @NotNull @DefaultValue DeviceCaFiles deviceCa,
		@NotNull @DefaultValue("7d") Duration certificateLifetime, @NotNull @DefaultValue("1d") Duration crlValidity,
		@NotNull @DefaultValue("1h") Duration ocspValidity,
		@NotNull @DefaultValue("24h") Duration enrollmentTokenLifetime) {

	/**
	 * @param certificate PEM file with the device CA certificate
	 * @param privateKey PEM file (PKCS#8) with the device CA's private key
	 * @param chain optional PEM file with the CAs above the device CA (up to the root),
	 * which EST {@code cacerts} serves beside it (RFC 7030 §4.1.3)
	 */
	public record DeviceCaFiles(Path certificate, Path privateKey, Path chain) {

	}

}
