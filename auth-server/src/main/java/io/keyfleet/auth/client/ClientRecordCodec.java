package io.keyfleet.auth.client;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/** JSON form of {@link ClientRecord} in Redis. */
public final class ClientRecordCodec {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
		.build();

	private ClientRecordCodec() {
	}

	public static String write(ClientRecord record) {
		return MAPPER.writeValueAsString(record);
	}

	public static ClientRecord read(String json) {
		try {
			return MAPPER.readValue(json, ClientRecord.class);
		}
		catch (JacksonException ex) {
			throw new IllegalStateException("unreadable client record in the state store: " + ex.getOriginalMessage(), ex);
		}
	}

}
