package io.keyfleet.auth.provisioning;

/**
 * A factory certificate that passed path validation to an enrollment group's CA, and the
 * device id it names.
 */
public record FactoryCertificate(EnrollmentGroup group, String deviceId) {

}
