package io.keyfleet.auth.anomaly;

import java.util.Map;
import java.util.Set;

import io.keyfleet.auth.client.ClientRegistrationValidator;

/**
 * One entry of the events stream as the schema agreed with the producers has it (flat
 * string fields, absent = omitted; docs/contract-as-built.md "Events"). Unknown types and
 * fields are ignored.
 *
 * @param id the stream entry id, which identifies the event for idempotency
 * @param fields the entry's fields
 */
public record StreamEvent(String id, Map<String, String> fields) {

	/** The types the detector learns from; the rest are acknowledged unread. */
	static final Set<String> OBSERVED = Set.of("token.issued", "token.refused", "attestation", "resource.denied");

	public String type() {
		return field("type");
	}

	public String client() {
		return field("client");
	}

	/** The field's value, or {@code ""} when absent. */
	public String field(String name) {
		String value = this.fields.get(name);
		return (value != null) ? value : "";
	}

	/** The producer's time in epoch milliseconds, or -1 when absent or malformed. */
	public long timestamp() {
		try {
			long ts = Long.parseLong(field("ts"));
			return (ts > 0) ? ts : -1;
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/**
	 * Whether the detector has anything to learn from this event: an observed type, a
	 * well-formed client id (a refused request's claimed id may be anything) and a time.
	 */
	public boolean observable() {
		return OBSERVED.contains(type()) && ClientRegistrationValidator.ID.matcher(client()).matches()
				&& timestamp() > 0;
	}

}
