package io.keyfleet.sim.load;

import java.net.URI;
import java.util.List;

import javax.net.ssl.SSLSocketFactory;

/**
 * EST {@code simplereenroll} (RFC 7030 Section 4.2.2), round robin over enrolled devices,
 * each over its own kept-alive connection presenting its operational certificate (which
 * stays valid: re-enrollment does not revoke it). Each device sends the same CSR, made
 * beforehand for a new key, every time, so no signature is made during the measurement.
 */
final class ReenrollOperation implements PkiOperation {

	private final URI endpoint;

	private final List<EnrolledDevice> devices;

	/**
	 * @param endpoint {@code <issuer>/.well-known/est/simplereenroll}
	 * @param devices the enrolled devices
	 */
	ReenrollOperation(URI endpoint, List<EnrolledDevice> devices) {
		this.endpoint = endpoint;
		this.devices = List.copyOf(devices);
	}

	@Override
	public String name() {
		return "simplereenroll";
	}

	private EnrolledDevice device(int index) {
		return this.devices.get(index % this.devices.size());
	}

	@Override
	public void write(AsciiBuffer request, long index) {
		PkiOperation.post(request, this.endpoint,
				"Content-Type: application/pkcs10\r\nContent-Transfer-Encoding: base64\r\n",
				device((int) (index % this.devices.size())).csr());
	}

	@Override
	public String device(long index) {
		return device((int) (index % this.devices.size())).id();
	}

	@Override
	public SSLSocketFactory socketFactory(long index) {
		return device((int) (index % this.devices.size())).socketFactory();
	}

	@Override
	public boolean judge(Phase phase, long index, Http1Response response) {
		return PkiOperation.judgeEst(phase, response);
	}

	/**
	 * A device with its operational certificate.
	 *
	 * @param id the device id
	 * @param socketFactory presents its certificate
	 * @param csr its base64 CSR, US-ASCII
	 */
	record EnrolledDevice(String id, SSLSocketFactory socketFactory, byte[] csr) {
	}

}
