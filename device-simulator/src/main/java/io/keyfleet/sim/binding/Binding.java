package io.keyfleet.sim.binding;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How a device's access tokens are sender-constrained: not at all (bearer tokens, RFC
 * 6750), to its TLS client certificate (RFC 8705 Section 3, {@code cnf.x5t#S256}), or to
 * a DPoP key (RFC 9449, {@code cnf.jkt}).
 */
public enum Binding {

	/** Bearer tokens: whoever holds one can use it (RFC 6750 Section 5.2). */
	NONE,

	/** RFC 8705 Section 3: the token is bound to the client certificate of the TLS connection. */
	MTLS,

	/** RFC 9449: the token is bound to a key the device proves with every request. */
	DPOP;

	/**
	 * @return the command line value, e.g. {@code dpop}
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** picocli: parses {@code none}, {@code mtls}, {@code dpop}. */
	public static final class Converter implements ITypeConverter<Binding> {

		@Override
		public Binding convert(String value) {
			return Arrays.stream(values())
				.filter((binding) -> binding.value().equals(value))
				.findFirst()
				.orElseThrow(() -> new TypeConversionException("expected none, mtls or dpop, not '" + value + "'"));
		}

	}

	/** picocli: the values for help and completion. */
	public static final class Names implements Iterable<String> {

		@Override
		public Iterator<String> iterator() {
			return Arrays.stream(values()).map(Binding::value).iterator();
		}

	}

}
