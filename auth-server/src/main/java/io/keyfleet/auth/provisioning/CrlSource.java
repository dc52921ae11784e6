package io.keyfleet.auth.provisioning;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where an enrollment group's manufacturer CRL (RFC 5280 §5) comes from: given inline
 * ({@code pem}, one {@code X509 CRL} block) or fetched from {@code url} (http or https,
 * DER or PEM). Exactly one is set.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CrlSource(String pem, String url) {

}
