package io.keyfleet.sim.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.net.ssl.SSLSocketFactory;

import io.keyfleet.sim.SimException;
import io.keyfleet.sim.attest.AttestMode;
import io.keyfleet.sim.attest.Attester;
import io.keyfleet.sim.binding.DeviceBinding;
import io.keyfleet.sim.fleet.DeviceRecord;

/**
 * One device that talks to the servers from a source address of its choosing: token
 * requests (with a challenge and fresh evidence first when it attests), RFC 7009
 * revocation and resource calls, each over a new HTTP/1.1-over-TLS connection whose client
 * socket is bound to that address ({@link Http1Connection}), then closed, like a device
 * that wakes up, connects, and sleeps again. The source address is what the server records
 * as the request's origin (events schema: {@code address}), so that a cloned device
 * ({@code 127.0.0.2}) or stolen credentials ({@code 127.0.0.3}) come from another place
 * than the real device ({@code 127.0.0.1}) on one machine: Linux routes all of 127/8 over
 * loopback. Safe for concurrent use: each call has its own connection and buffers.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.4">RFC 6749 Section 4.4</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7009#section-2.1">RFC 7009 Section 2.1</a>
 */
public final class SourcedClient {

	private final DeviceRecord record;

	private final LoadDevice device;

	private final URI tokenEndpoint;

	private final ChallengeRequest challenge;

	private final SSLSocketFactory socketFactory;

	private final int timeoutMillis;

	private final JtiSource jti = new JtiSource(JtiSource.newRunPrefix(), 0);

	/**
	 * @param device the device and its credential
	 * @param tokenEndpoint the token endpoint, also the assertions' audience
	 * @param attester its attestation, sent with every token request, or {@code null}
	 * @param challengeEndpoint the challenge endpoint, needed when it attests
	 * @param socketFactory trusts the servers' CA
	 * @param timeoutMillis connect and read timeout
	 */
	public SourcedClient(DeviceRecord device, URI tokenEndpoint, Attester attester, URI challengeEndpoint,
			SSLSocketFactory socketFactory, int timeoutMillis) {
		if (attester != null && challengeEndpoint == null) {
			throw new SimException("the server metadata has no challenge endpoint; device " + device.id() + " attests");
		}
		this.record = device;
		this.device = new LoadDevice(new LoadSession.BoundDevice(device, DeviceBinding.NONE, null),
				tokenEndpoint, "", (attester != null) ? new LoadAttester(attester, AttestMode.ALWAYS) : null);
		this.tokenEndpoint = tokenEndpoint;
		this.challenge = (attester != null) ? new ChallengeRequest(challengeEndpoint) : null;
		this.socketFactory = socketFactory;
		this.timeoutMillis = timeoutMillis;
	}

	public String id() {
		return this.record.id();
	}

	/**
	 * @return the device and its credential
	 */
	public DeviceRecord record() {
		return this.record;
	}

	/**
	 * A client credentials token request (after a challenge, with evidence over it, when the
	 * device attests).
	 * @param source the source address, or {@code null} for the system's choice
	 * @return the answer; a failed connection is status 0, never thrown
	 */
	public TokenAnswer token(InetAddress source) {
		AsciiBuffer request = new AsciiBuffer(2048);
		AsciiBuffer scratch = new AsciiBuffer(1024);
		try (Http1Connection connection = connect(this.tokenEndpoint, source)) {
			String nonce = null;
			if (this.challenge != null) {
				this.challenge.write(request);
				Http1Response answer = connection.exchange(request);
				nonce = (answer.status() == 200) ? answer.jsonString("attestation_challenge") : null;
				if (nonce == null) {
					return new TokenAnswer(answer.status(), "challenge: " + answer.jsonString("error"), null);
				}
			}
			synchronized (this.jti) { // one jti counter per device
				this.device.writeTokenRequest(request, scratch, this.jti, System.currentTimeMillis() / 1000, nonce);
			}
			Http1Response response = connection.exchange(request);
			return new TokenAnswer(response.status(), response.jsonString("error"),
					(response.status() == 200) ? response.jsonString("access_token") : null);
		}
		catch (IOException ex) {
			return new TokenAnswer(0, ex.getClass().getSimpleName(), null);
		}
	}

	/**
	 * RFC 7009 Section 2.1: revokes one of the device's tokens, authenticated with HTTP Basic
	 * (only {@code client_secret_basic} devices).
	 * @param revocationEndpoint the server's revocation endpoint
	 * @param accessToken the token to revoke
	 * @param source the source address, or {@code null}
	 * @return the HTTP status (200 when revoked)
	 * @throws SimException when the device has no secret, or no answer came
	 */
	public int revoke(URI revocationEndpoint, String accessToken, InetAddress source) {
		if (this.record.clientSecret() == null) {
			throw new SimException("device " + id() + " has no client secret to authenticate a revocation with");
		}
		String userPass = encode(id()) + ":" + encode(this.record.clientSecret());
		String body = "token=" + encode(accessToken) + "&token_type_hint=access_token";
		AsciiBuffer request = new AsciiBuffer(1024).append("POST ")
			.append(revocationEndpoint.getRawPath())
			.append(" HTTP/1.1\r\nHost: ")
			.append(revocationEndpoint.getRawAuthority())
			.append("\r\nAuthorization: Basic ")
			.append(Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8)))
			.append("\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ")
			.append(body.length())
			.append("\r\n\r\n")
			.append(body);
		return exchange(revocationEndpoint, request, source, "revoke");
	}

	/**
	 * {@code GET url} with the token as a bearer token (RFC 6750 Section 2.1).
	 * @param url e.g. resource-sample's {@code /firmware/{model}/latest}
	 * @param accessToken the access token
	 * @param source the source address, or {@code null}
	 * @return the HTTP status
	 * @throws SimException when no answer came
	 */
	public int call(URI url, String accessToken, InetAddress source) {
		AsciiBuffer request = new AsciiBuffer(2048);
		new CallRequest("GET", url).write(request, accessToken, null);
		return exchange(url, request, source, "call");
	}

	private int exchange(URI target, AsciiBuffer request, InetAddress source, String what) {
		try (Http1Connection connection = connect(target, source)) {
			return connection.exchange(request).status();
		}
		catch (IOException ex) {
			throw new SimException(what + " of device " + id() + " at " + target + " failed: " + ex.getMessage(), ex);
		}
	}

	private Http1Connection connect(URI target, InetAddress source) {
		return new Http1Connection(this.socketFactory, target, this.timeoutMillis, source);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return "SourcedClient[" + id() + "]";
	}

}
