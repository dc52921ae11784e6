package io.keyfleet.auth.provisioning;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * What every device of an enrollment group is registered with: the device registration
 * of CONTRACT "Admin API" without the per-device parts (id, credentials, attestation
 * keys), which come from the factory certificate.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceTemplate(String model, List<String> allowedScopes, List<String> allowedResources,
		Map<String, Object> attestation, Map<String, String> labels) {

}
