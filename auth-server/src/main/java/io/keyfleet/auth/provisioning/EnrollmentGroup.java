package io.keyfleet.auth.provisioning;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * An enrollment group as stored and shown: a manufacturer CA whose factory certificates
 * (IDevID) register devices just in time from {@code template} (CONTRACT "Provisioning").
 * Groups are never changed, only created and deleted.
 *
 * @param manufacturerCa the CA certificate, PEM
 * @param crl the manufacturer's CRL, or null when the group checks none
 * @param caFingerprint base64url SHA-256 of the CA's SubjectPublicKeyInfo: one CA (one
 * key) belongs to at most one group
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnrollmentGroup(String id, String manufacturerCa, DeviceTemplate template, Approval approval,
		CrlSource crl, String caFingerprint, Instant createdAt) {

}
