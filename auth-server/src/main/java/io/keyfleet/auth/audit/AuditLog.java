package io.keyfleet.auth.audit;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import io.keyfleet.auth.events.EventStream;

/**
 * Structured audit lines on the {@code keyfleet.audit} logger: admin actions and refused
 * requests. Each line carries its fields twice — as SLF4J key-value pairs (rendered as JSON
 * fields by Boot's structured logging, {@code logging.structured.format.console=ecs}) and
 * as {@code key=value} text for the plain console. Values are sanitised (no spaces,
 * control characters or quotes, at most 128 characters) because some come from the
 * request; secrets are never passed here.
 *
 * <p>
 * With an {@link EventStream}, the audit log is also the single source of the events
 * stream's audited types (docs/contract-as-built.md "Events stream"): {@code admin},
 * {@code token.refused}, {@code attestation}, {@code lifecycle}, {@code est.enrolled}.
 * Events carry the values unsanitised (they are not log lines), and are appended whatever
 * the logger's level. Built without a stream (tests), it only logs.
 */
public final class AuditLog {

	private static final Logger log = LoggerFactory.getLogger("keyfleet.audit");

	private final AuditEvents events;

	/** An audit log that only logs. */
	public AuditLog() {
		this(null);
	}

	/** @param events where audited actions are appended as events too, or null */
	public AuditLog(EventStream events) {
		this.events = (events != null) ? new AuditEvents(events) : null;
	}

	/** An administrative action on the fleet, by the admin client {@code actor}. */
	public void adminAction(String actor, String action, String target, String outcome) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("actor", actor);
		fields.put("target", target);
		fields.put("outcome", outcome);
		write("admin." + action, fields);
		if (this.events != null) {
			this.events.admin(action, actor, target, outcome);
		}
	}

	/** A refused protocol request (token, introspection, admin API authentication). */
	public void refused(String endpoint, String client, String error, String address) {
		refused(endpoint, client, error, address, null);
	}

	/**
	 * A refused protocol request; one at the token endpoint is a {@code token.refused}
	 * event too.
	 * @param client the client id the request claimed (not authenticated), or null
	 * @param authMethod the client authentication method the request tried, or null
	 */
	public void refused(String endpoint, String client, String error, String address, String authMethod) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("endpoint", endpoint);
		fields.put("client", client);
		fields.put("error", error);
		fields.put("address", address);
		write("refused", fields);
		if (this.events != null && "token".equals(endpoint)) {
			this.events.tokenRefused(client, address, error, authMethod);
		}
	}

	/**
	 * A change of a client's status (CONTRACT "Provisioning, lifecycle and anomalies":
	 * every transition is an audit event).
	 * @param from the status before (wire name), or null for a client registered just now
	 * @param actor the admin client, {@code anomaly-detector}, {@code provisioning}, {@code device}...
	 * @param reason why: the admin action ({@code suspend}, {@code approve}...) or the anomaly
	 */
	public void lifecycle(String client, String kind, String from, String to, String actor, String reason) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("client", client);
		fields.put("from", from);
		fields.put("to", to);
		fields.put("actor", actor);
		fields.put("reason", reason);
		write("lifecycle", fields);
		if (this.events != null) {
			this.events.lifecycle(client, kind, from, to, actor, reason);
		}
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
		if (this.events != null) {
			this.events.enrolled(device, operation, authentication, serial, address);
		}
	}

	/**
	 * An attestation outcome: {@code affirming} or {@code warning} (detail: the appraisal's
	 * warnings), or {@code contraindicated} / {@code refused} with the reason as detail
	 * ({@code contraindicated}, {@code signature_invalid}...). The event's {@code outcome}
	 * is the status, or for refused evidence the reason.
	 * @param evidenceFingerprint SHA-256 of the appraised claims, null when the evidence
	 * was not verified
	 * @param policyFingerprint SHA-256 of the policy applied, or null
	 */
	public void attestation(String device, String model, String format, String outcome, String detail,
			String evidenceFingerprint, String policyFingerprint) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("device", device);
		fields.put("format", format);
		fields.put("outcome", outcome);
		fields.put("detail", detail);
		fields.put("evidence_fingerprint", evidenceFingerprint);
		write("attestation", fields);
		if (this.events != null) {
			boolean refused = "refused".equals(outcome) || "contraindicated".equals(outcome);
			this.events.attestation(device, model, format, refused ? detail : outcome, evidenceFingerprint,
					policyFingerprint);
		}
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
		if (this.events != null) {
			this.events.registered(device, status, group, via, address);
		}
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
		if (this.events != null) {
			this.events.deviceKeys(device, action, kid, outcome, address);
		}
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
		if (this.events != null) {
			this.events.admin("signing-key-" + action, actor, kid, outcome);
		}
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
