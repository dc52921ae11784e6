package io.keyfleet.sim.est;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;

import io.keyfleet.sim.JsonOutput;
import io.keyfleet.sim.binding.ClientCertificate;
import tools.jackson.databind.node.ObjectNode;

/**
 * Prints what {@code enroll} and {@code renew} got: the issued certificate's subject,
 * issuer, serial (hex, as {@code POST /api/v1/certificates/{serial}/revoke} takes it),
 * validity and {@code x5t#S256} (the thumbprint its tokens are bound to, RFC 8705 Section
 * 3.1), and where it is kept. Never the private key.
 */
public final class EnrollmentOutput {

	private final ObjectNode json = JsonOutput.object();

	/**
	 * @param deviceId the device
	 * @param operation {@code simpleenroll} or {@code simplereenroll}
	 * @param authentication how the device authenticated
	 * @param enrolled the issued certificate and its key
	 * @param file where they are kept
	 */
	public EnrollmentOutput(String deviceId, String operation, String authentication, ClientCertificate enrolled,
			Path file) {
		X509Certificate certificate = enrolled.certificate();
		this.json.put("device", deviceId);
		this.json.put("operation", operation);
		this.json.put("authentication", authentication);
		this.json.put("subject", certificate.getSubjectX500Principal().getName());
		this.json.put("issuer", certificate.getIssuerX500Principal().getName());
		this.json.put("serial", certificate.getSerialNumber().toString(16));
		this.json.put("not_before", certificate.getNotBefore().toInstant().toString());
		this.json.put("not_after", certificate.getNotAfter().toInstant().toString());
		this.json.put("x5t#S256", enrolled.thumbprint().toString());
		this.json.put("file", file.toString());
	}

	/**
	 * @param name a member to add, e.g. {@code key}
	 * @param value its value
	 * @return this output
	 */
	public EnrollmentOutput with(String name, String value) {
		this.json.put(name, value);
		return this;
	}

	/**
	 * @param json one JSON object, else a line per member
	 * @param out where
	 */
	public void print(boolean json, PrintWriter out) {
		if (json) {
			out.println(JsonOutput.compact(this.json));
		}
		else {
			this.json.properties().forEach((entry) -> out.println(entry.getKey() + ": " + entry.getValue().asString()));
		}
		out.flush();
	}

}
