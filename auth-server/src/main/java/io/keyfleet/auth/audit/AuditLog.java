package io.keyfleet.auth.audit;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Structured audit lines on the {@code keyfleet.audit} logger: admin actions and refused
 * requests. Each line carries its fields twice — as SLF4J key-value pairs (rendered as JSON
 * fields by Boot's structured logging, {@code logging.structured.format.console=ecs}) and
 * as {@code key=value} text for the plain console. Values are sanitised (no spaces,
 * control characters or quotes, at most 128 characters) because some come from the
 * request; secrets are never passed here.
 */
public final class AuditLog {

	private static final Logger log = LoggerFactory.getLogger("keyfleet.audit");

	/** An administrative action on the fleet, by the admin client {@code actor}. */
	public void adminAction(String actor, String action, String target, String outcome) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("actor", actor);
		fields.put("target", target);
		fields.put("outcome", outcome);
		write("admin." + action, fields);
	}

	/** A refused protocol request (token, introspection, admin API authentication). */
	public void refused(String endpoint, String client, String error, String address) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("endpoint", endpoint);
		fields.put("client", client);
		fields.put("error", error);
		fields.put("address", address);
		write("refused", fields);
	}

	/**
	 * A certificate issued over EST (RFC 7030): {@code operation} is {@code simpleenroll} or
	 * {@code simplereenroll}, {@code authentication} how the device proved itself
	 * ({@code enrollment-token}, {@code factory-certificate}, {@code operational-certificate}).
	 */
	public void enrollment(String device, String operation, String authentication, String serial, String address) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("device", device);
		fields.put("operation", operation);
		fields.put("authentication", authentication);
		fields.put("serial", serial);
		fields.put("address", address);
		write("est.enrollment", fields);
	}

	/**
	 * An attestation outcome: {@code affirming}, {@code warning}, or the reason evidence was
	 * refused ({@code contraindicated}, {@code signature_invalid}...).
	 */
	public void attestation(String device, String format, String outcome, String detail) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("device", device);
		fields.put("format", format);
		fields.put("outcome", outcome);
		fields.put("detail", detail);
		write("attestation", fields);
	}

	/**
	 * A device registered just in time from an enrollment group (CONTRACT "Provisioning"):
	 * {@code status} is {@code active} or {@code pending}, {@code via} the request that
	 * registered it ({@code est-simpleenroll} or {@code token}).
	 */
	public void registeredJustInTime(String device, String group, String status, String via, String address) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("device", device);
		fields.put("group", group);
		fields.put("status", status);
		fields.put("via", via);
		fields.put("address", address);
		write("provisioning.register", fields);
	}

	/**
	 * A device changed its own registered keys through the client configuration endpoint
	 * (RFC 7592): {@code action} is {@code add} or {@code retire}, one line per key;
	 * {@code outcome} is {@code ok} or why the change was refused.
	 */
	public void deviceKeys(String device, String action, String kid, String outcome, String address) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("device", device);
		fields.put("kid", kid);
		fields.put("outcome", outcome);
		fields.put("address", address);
		write("device.keys." + action, fields);
	}

	/**
	 * A change of the token-signing keyring: {@code seed}, {@code rotate}, {@code revoke},
	 * {@code add-next} or {@code remove}, by an admin client, the {@code scheduler} or the
	 * {@code system} (start-up); {@code outcome} is {@code ok} or why it was refused.
	 */
	public void signingKey(String action, String actor, String kid, String outcome) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("actor", actor);
		fields.put("kid", kid);
		fields.put("outcome", outcome);
		write("keys." + action, fields);
	}

	private static void write(String event, Map<String, String> fields) {
		if (!log.isInfoEnabled()) {
			return;
		}
		StringBuilder text = new StringBuilder(event);
		LoggingEventBuilder builder = log.atInfo().addKeyValue("event", event);
		fields.forEach((name, value) -> {
			String clean = sanitize(value);
			text.append(' ').append(name).append('=').append(clean);
			builder.addKeyValue(name, clean);
		});
		builder.log(text.toString());
	}

	static String sanitize(String value) {
		if (value == null) {
			return "-";
		}
		StringBuilder out = new StringBuilder(Math.min(value.length(), 128));
		for (int i = 0; i < value.length() && out.length() < 128; i++) {
			char c = value.charAt(i);
			out.append((c > 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '=') ? c : '_');
		}
		return out.toString();
	}

}
