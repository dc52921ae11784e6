package io.keyfleet.sim.load;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPrivateKey;
import java.util.Base64;
import java.util.List;

import javax.net.ssl.SSLSocketFactory;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import io.keyfleet.sim.EcdsaProvider;
import io.keyfleet.sim.ClientAuthMethod;
import io.keyfleet.sim.ClientCredentials;
import io.keyfleet.sim.SimException;
import io.keyfleet.sim.binding.DPoPProofs;
import io.keyfleet.sim.binding.DeviceBinding;
import io.keyfleet.sim.fleet.DeviceRecord;

/**
 * One fleet device as the load generator drives it: everything of its token request that
 * does not change between requests is encoded once (request line, headers, form
 * parameters, the assertion's JOSE header, an HTTP Basic header), and its signer is built
 * once, with key objects of the ES256 provider (see {@link EcdsaProvider}). Each request
 * then only adds a fresh assertion: {@code iat} now, {@code exp} 60 s later, a new
 * {@code jti}, the token endpoint as {@code aud}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7523#section-2.2">RFC 7523 Section 2.2</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7523#section-3">RFC 7523 Section 3</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1">RFC 6749 Section 2.3.1</a>
 */
final class LoadDevice {

	static final long ASSERTION_LIFETIME_SECONDS = 60;

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private final String id;

	private final ClientAuthMethod method;

	private final byte[] head;

	private final String form;

	private final JWSSigner signer;

	private final JWSHeader header;

	private final String encodedHeader;

	private final String claimsHead;

	private final URI tokenEndpoint;

	private final DPoPProofs dpop;

	private final SSLSocketFactory socketFactory;

	private final LoadAttester attester;

	/**
	 * @param device the device and its credential
	 * @param tokenEndpoint the token endpoint, also the assertions' audience
	 * @param extraForm form parameters to add (already encoded, {@code &name=value...}), or ""
	 */
	LoadDevice(DeviceRecord device, URI tokenEndpoint, String extraForm) {
		this(new LoadSession.BoundDevice(device, DeviceBinding.NONE, null), tokenEndpoint, extraForm, null);
	}

	/**
	 * @param bound the device, its binding, and for mutual TLS its own socket factory
	 * @param tokenEndpoint the token endpoint, also the assertions' audience
	 * @param extraForm form parameters to add (already encoded, {@code &name=value...}), or ""
	 * @param attester its attestation, or {@code null} when it does not attest
	 */
	LoadDevice(LoadSession.BoundDevice bound, URI tokenEndpoint, String extraForm, LoadAttester attester) {
		DeviceRecord device = bound.device();
		this.tokenEndpoint = tokenEndpoint;
		this.dpop = bound.binding().dpop();
		this.socketFactory = bound.socketFactory();
		this.attester = attester;
		this.id = device.id();
		this.method = device.method();
		ClientCredentials credentials = device.credentials();
		StringBuilder head = new StringBuilder("POST ").append(tokenEndpoint.getRawPath())
			.append(" HTTP/1.1\r\nHost: ")
			.append(tokenEndpoint.getRawAuthority())
			.append("\r\nAccept: application/json\r\nContent-Type: application/x-www-form-urlencoded\r\n");
		StringBuilder form = new StringBuilder("grant_type=client_credentials").append(extraForm);
		try {
			if (this.method == ClientAuthMethod.CLIENT_SECRET_BASIC) {
				String userPass = encode(this.id) + ":" + encode(device.clientSecret());
				head.append("Authorization: Basic ")
					.append(Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8)))
					.append("\r\n");
				this.signer = null;
				this.header = null;
			}
			else if (this.method == ClientAuthMethod.TLS_CLIENT_AUTH) {
				// RFC 8705 2: only client_id; the device's connections present its certificate
				form.append("&client_id=").append(encode(this.id));
				this.signer = null;
				this.header = null;
			}
			else if (this.method == ClientAuthMethod.CLIENT_SECRET_JWT) {
				this.signer = new MACSigner(device.clientSecret().getBytes(StandardCharsets.UTF_8));
				this.header = new JWSHeader(JWSAlgorithm.HS256);
			}
			else {
				ECDSASigner ecdsa = new ECDSASigner((ECPrivateKey) EcdsaProvider.convert(credentials.privateKey()));
				ecdsa.getJCAContext().setProvider(EcdsaProvider.PROVIDER);
				this.signer = ecdsa;
				this.header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(device.keyId()).build();
			}
		}
		catch (JOSEException ex) {
			throw new SimException("cannot sign assertions for device " + this.id + ": " + ex.getMessage(), ex);
		}
		if (this.signer != null) {
			form.append("&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer")
				.append("&client_assertion=");
		}
		this.head = head.toString().getBytes(StandardCharsets.US_ASCII);
		this.form = form.toString();
		this.encodedHeader = (this.header != null) ? this.header.toBase64URL().toString() : null;
		// iss = sub = client_id (RFC 7523 3.1, 3.2), aud = token endpoint (3.3)
		this.claimsHead = "{\"iss\":\"" + this.id + "\",\"sub\":\"" + this.id + "\",\"aud\":\"" + tokenEndpoint
				+ "\",\"jti\":\"";
	}

	String id() {
		return this.id;
	}

	ClientAuthMethod method() {
		return this.method;
	}

	/**
	 * @return the device's DPoP proofs, or {@code null} when its tokens are not DPoP-bound
	 */
	DPoPProofs dpop() {
		return this.dpop;
	}

	/**
	 * @return a socket factory presenting the device's own client certificate, or
	 * {@code null} when it has none (then any worker connection serves it)
	 */
	SSLSocketFactory socketFactory() {
		return this.socketFactory;
	}

	/**
	 * @return its attestation, or {@code null}
	 */
	LoadAttester attester() {
		return this.attester;
	}

	/**
	 * @return whether every request of this device carries fresh evidence
	 */
	boolean attestsAlways() {
		return this.attester != null && this.attester.always();
	}

	/**
	 * Writes a complete token request into {@code request}.
	 * @param request the request buffer, reset here
	 * @param scratch a second buffer for the body, reset here
	 * @param jti the source of a fresh {@code jti}
	 * @param nowSeconds the current time, seconds since the epoch
	 */
	void writeTokenRequest(AsciiBuffer request, AsciiBuffer scratch, JtiSource jti, long nowSeconds) {
		writeTokenRequest(request, scratch, jti, nowSeconds, null);
	}

	/**
	 * Writes a complete token request, with evidence over a challenge when one is given.
	 * @param request the request buffer, reset here
	 * @param scratch a second buffer for the body, reset here
	 * @param jti the source of a fresh {@code jti}
	 * @param nowSeconds the current time, seconds since the epoch
	 * @param challenge a challenge to attest over (needs an {@link #attester()}), or {@code null}
	 */
	void writeTokenRequest(AsciiBuffer request, AsciiBuffer scratch, JtiSource jti, long nowSeconds, String challenge) {
		scratch.reset();
		if (challenge != null) {
			this.attester.appendEvidence(scratch, challenge);
		}
		scratch.append(this.form);
		if (this.signer != null) {
			appendAssertion(scratch, jti, nowSeconds);
		}
		request.reset().append(this.head);
		if (this.dpop != null) {
			// RFC 9449 5: a fresh proof for every token request (its jti is single use)
			request.append("DPoP: ").append(this.dpop.forTokenRequest(this.tokenEndpoint, null)).append("\r\n");
		}
		request.append("Content-Length: ").append(scratch.length()).append("\r\n\r\n").append(scratch);
	}

	private void appendAssertion(AsciiBuffer out, JtiSource jti, long nowSeconds) {
		AsciiBuffer claims = new AsciiBuffer(256).append(this.claimsHead);
		jti.appendNext(claims);
		claims.append("\",\"iat\":").append(nowSeconds).append(",\"exp\":")
			.append(nowSeconds + ASSERTION_LIFETIME_SECONDS).append('}');
		String signingInput = this.encodedHeader + "." + BASE64URL.encodeToString(claims.toByteArray());
		try {
			String signature = this.signer.sign(this.header, signingInput.getBytes(StandardCharsets.US_ASCII))
				.toString();
			out.append(signingInput).append('.').append(signature);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("cannot sign an assertion for device " + this.id, ex);
		}
	}

	/**
	 * @param parameters name/value pairs
	 * @return them form-urlencoded, each as {@code &name=value}
	 */
	static String form(List<String[]> parameters) {
		StringBuilder form = new StringBuilder();
		parameters.forEach((pair) -> form.append('&').append(encode(pair[0])).append('=').append(encode(pair[1])));
		return form.toString();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
