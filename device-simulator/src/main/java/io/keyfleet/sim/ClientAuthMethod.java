package io.keyfleet.sim;

import java.util.Arrays;
import java.util.Iterator;
import java.util.stream.Collectors;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The token endpoint client authentication methods the simulator can use, by their
 * registered names (RFC 7591 Section 2, {@code token_endpoint_auth_method}).
 */
public enum ClientAuthMethod {

	/** RFC 7523 Section 2.2 with a key pair: the device signs an assertion (ES256). */
	PRIVATE_KEY_JWT("private_key_jwt"),

	/** RFC 6749 Section 2.3.1: HTTP Basic with the client id and secret. */
	CLIENT_SECRET_BASIC("client_secret_basic"),

	/** RFC 7523 Section 2.2 with the client secret as HMAC key (HS256). */
	CLIENT_SECRET_JWT("client_secret_jwt"),

	/**
	 * RFC 8705 Section 2.1: the client certificate of the TLS connection, issued by a CA the
	 * server trusts (for the simulator: enrolled over EST, see {@code enroll}).
	 */
	TLS_CLIENT_AUTH("tls_client_auth");

	private final String value;

	ClientAuthMethod(String value) {
		this.value = value;
	}

	public String value() {
		return this.value;
	}

	public boolean usesSecret() {
		return this == CLIENT_SECRET_BASIC || this == CLIENT_SECRET_JWT;
	}

	/**
	 * @return whether the client signs assertions with a private key of its registered JWKS
	 */
	public boolean usesKey() {
		return this == PRIVATE_KEY_JWT;
	}

	/**
	 * @param value a registered method name, e.g. {@code private_key_jwt}
	 * @return the method
	 * @throws IllegalArgumentException when the name is not one of {@link #values()}
	 */
	public static ClientAuthMethod of(String value) {
		for (ClientAuthMethod method : values()) {
			if (method.value.equals(value)) {
				return method;
			}
		}
		throw new IllegalArgumentException("unknown client authentication method '" + value + "' (expected one of "
				+ Arrays.stream(values()).map(ClientAuthMethod::value).collect(Collectors.joining(", ")) + ")");
	}

	@Override
	public String toString() {
		return this.value;
	}

	/** picocli: converts an option value with {@link #of(String)}. */
	static final class Converter implements ITypeConverter<ClientAuthMethod> {

		@Override
		public ClientAuthMethod convert(String value) {
			try {
				return of(value);
			}
			catch (IllegalArgumentException ex) {
				throw new TypeConversionException(ex.getMessage());
			}
		}

	}

	/** picocli: the names for help and completion. */
	static final class Names implements Iterable<String> {

		@Override
		public Iterator<String> iterator() {
			return Arrays.stream(values()).map(ClientAuthMethod::value).iterator();
		}

	}

}
