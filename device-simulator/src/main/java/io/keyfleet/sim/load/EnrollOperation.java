package io.keyfleet.sim.load;

import java.net.URI;
import java.util.List;

/**
 * EST {@code simpleenroll} (RFC 7030 Section 4.2.1) with one enrollment token (HTTP
 * Bearer, single use) and one fresh P-256 CSR per request, both prepared before the
 * measurement: request {@code i} uses token {@code i} and CSR {@code i}.
 */
final class EnrollOperation implements PkiOperation {

	private final URI endpoint;

	private final List<String> tokens;

	private final List<byte[]> csrs;

	/**
	 * @param endpoint {@code <issuer>/.well-known/est/simpleenroll}
	 * @param tokens one enrollment token per request
	 * @param csrs one base64 CSR per request, for the token's device
	 */
	EnrollOperation(URI endpoint, List<String> tokens, List<String> csrs) {
		if (tokens.size() != csrs.size()) {
			throw new IllegalArgumentException("one CSR per token");
		}
		this.endpoint = endpoint;
		this.tokens = List.copyOf(tokens);
		this.csrs = csrs.stream().map(PkiOperation::ascii).toList();
	}

	@Override
	public String name() {
		return "simpleenroll";
	}

	@Override
	public void write(AsciiBuffer request, long index) {
		PkiOperation.post(request, this.endpoint, "Content-Type: application/pkcs10\r\n"
				+ "Content-Transfer-Encoding: base64\r\nAuthorization: Bearer " + this.tokens.get((int) index) + "\r\n",
				this.csrs.get((int) index));
	}

	@Override
	public boolean judge(Phase phase, long index, Http1Response response) {
		return PkiOperation.judgeEst(phase, response);
	}

}
