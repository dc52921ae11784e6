package io.keyfleet.sim.attest;

import java.util.Arrays;
import java.util.Locale;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * When an attesting device sends evidence. The server keeps an attestation result for the
 * policy's max-age and lets a device in without evidence meanwhile (CONTRACT "Device
 * attestation"), so the two modes measure the cost of fresh evidence on every request
 * (a challenge, an EAT and its appraisal) against that of relying on the cached result.
 */
public enum AttestMode {

	/** A challenge and fresh evidence with every token request. */
	ALWAYS("always"),

	/**
	 * Evidence only when the server asks for it ({@code use_attestation_challenge},
	 * {@code use_fresh_attestation}): the request is retried once with a challenge and
	 * fresh evidence.
	 */
	WHEN_ASKED("when-asked");

	private final String value;

	AttestMode(String value) {
		this.value = value;
	}

	public String value() {
		return this.value;
	}

	@Override
	public String toString() {
		return this.value;
	}

	/** picocli: {@code always} or {@code when-asked}. */
	public static final class Converter implements ITypeConverter<AttestMode> {

		@Override
		public AttestMode convert(String value) {
			return Arrays.stream(values())
				.filter((mode) -> mode.value.equals(value.toLowerCase(Locale.ROOT)))
				.findFirst()
				.orElseThrow(() -> new TypeConversionException("'" + value + "' is not always or when-asked"));
		}

	}

}
