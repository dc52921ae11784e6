package io.keyfleet.auth.provisioning;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import io.keyfleet.auth.client.RegistrationJson;

/**
 * The body of {@code POST /api/v1/enrollment-groups} (CONTRACT "Provisioning"), read as
 * strictly as a device registration: unknown fields, wrong types and trailing garbage are
 * {@code 400}, never ignored.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EnrollmentGroupRequest(String id, String manufacturerCa, DeviceTemplate template, String approval,
		CrlSource crl) {

	public static EnrollmentGroupRequest read(String json) {
		return RegistrationJson.readObject(json, EnrollmentGroupRequest.class, node -> {
		});
	}

}
