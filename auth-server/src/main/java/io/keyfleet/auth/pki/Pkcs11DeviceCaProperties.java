package io.keyfleet.auth.pki;

import java.nio.file.Path;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.bind.DefaultValue;

import io.keyfleet.auth.keys.Pkcs11Properties;

/**
 * The device CA's key in a PKCS#11 token ({@code keyfleet.pki.device-ca.pkcs11.*}),
 * reached through the JDK's SunPKCS11 provider like the token-signing key
 * ({@code keyfleet.keys.pkcs11.*}, which may name the same module and token).
 *
 * <p>
 * {@link #toString()} never shows the PIN.
 *
 * @param library the PKCS#11 module (e.g. {@code /usr/lib/softhsm/libsofthsm2.so})
 * @param slot the slot ID ({@code CK_SLOT_ID}); when absent, {@code slotListIndex} selects
 * the slot
 * @param slotListIndex index into {@code C_GetSlotList(CK_TRUE)}, 0 by default
 * @param pin the user PIN; secret, best given as environment variable
 * {@code KEYFLEET_PKI_DEVICE_CA_PKCS11_PIN}
 * @param keyLabel {@code CKA_LABEL} of the CA's private key and of a certificate with the
 * same {@code CKA_ID} (SunPKCS11 lists a private key only with one)
 * @param certificate optional PEM file with the CA certificate to use instead of the one in
 * the token (its public key must be the token key's)
 * @see <a href="https://docs.oasis-open.org/pkcs11/pkcs11-base/v2.40/os/pkcs11-base-v2.40-os.html">PKCS #11
 * v2.40 Base Specification</a>
 */
public record Pkcs11DeviceCaProperties(@NotNull Path library, Long slot, @DefaultValue("0") @Min(0) int slotListIndex,
		@NotBlank String pin, @DefaultValue("keyfleet-device-ca") @NotBlank String keyLabel, Path certificate) {

	static final String PREFIX = "keyfleet.pki.device-ca.pkcs11";

	/** The token, as the shared {@link io.keyfleet.auth.keys.Pkcs11Token} opens it. */
	Pkcs11Properties token() {
		return new Pkcs11Properties(this.library, this.slot, this.slotListIndex, this.pin, this.keyLabel);
	}

	@Override
	public String toString() {
		return "Pkcs11DeviceCaProperties[library=" + this.library + ", slot=" + this.slot + ", slotListIndex="
				+ this.slotListIndex + ", pin=*****, keyLabel=" + this.keyLabel + ", certificate=" + this.certificate
				+ "]";
	}

}
