package io.keyfleet.auth.keys;

import java.nio.file.Path;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The token-signing key in a PKCS#11 token ({@code keyfleet.keys.pkcs11.*}), reached
 * through the JDK's SunPKCS11 provider. When configured it replaces
 * {@code keyfleet.keys.signing-key}.
 *
 * <p>
 * {@link #toString()} never shows the PIN: the record may end up in a log line or in a
 * binding error message.
 *
 * @param library the PKCS#11 module (e.g. {@code /usr/lib/softhsm/libsofthsm2.so})
 * @param slot the slot ID ({@code CK_SLOT_ID}); when absent, {@code slotListIndex} selects
 * the slot
 * @param slotListIndex index into {@code C_GetSlotList(CK_TRUE)} (slots with a token), 0
 * by default
 * @param pin the user PIN ({@code C_Login} as {@code CKU_USER}); secret, best given as
 * environment variable {@code KEYFLEET_KEYS_PKCS11_PIN}
 * @param keyLabel {@code CKA_LABEL} of the private key and of its certificate (the
 * SunPKCS11 key-store alias)
 * @see <a href="https://docs.oasis-open.org/pkcs11/pkcs11-base/v2.40/os/pkcs11-base-v2.40-os.html">PKCS #11
 * v2.40 Base Specification</a>
 */
public record Pkcs11Properties(@NotNull Path library, Long slot, @DefaultValue("0") @Min(0) int slotListIndex,
		@NotBlank String pin, @DefaultValue("keyfleet-signing") @NotBlank String keyLabel) {

	@Override
	public String toString() {
		return "Pkcs11Properties[library=" + this.library + ", slot=" + this.slot + ", slotListIndex="
				+ this.slotListIndex + ", pin=*****, keyLabel=" + this.keyLabel + "]";
	}

}
