package io.keyfleet.auth.pki;

import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;

/**
 * The device CA from a PKCS#12 file ({@code keyfleet.pki.device-ca.pkcs12.*}, RFC 7292):
 * the private key, the CA certificate and, when the file holds them, the CAs above it.
 *
 * <p>
 * {@link #toString()} never shows the password: the record may end up in a log line or
 * in a binding error message.
 *
 * @param path the {@code .p12} / {@code .pfx} file
 * @param password the password of the file and of its key bag (one password, as
 * {@code openssl pkcs12 -export} and {@code keytool} make them); secret, best given as
 * environment variable {@code KEYFLEET_PKI_DEVICE_CA_PKCS12_PASSWORD}
 * @param alias the key entry's friendly name; optional when the file holds exactly one
 * key entry
 */
public record Pkcs12DeviceCaProperties(@NotNull Path path, @NotNull String password, String alias) {

	@Override
	public String toString() {
		return "Pkcs12DeviceCaProperties[path=" + this.path + ", password=*****, alias=" + this.alias + "]";
	}

}
