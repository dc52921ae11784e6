package io.keyfleet.auth.clientauth;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Mutual TLS (RFC 8705) and certificates forwarded by proxies (RFC 9440)
 * ({@code keyfleet.mtls.*}).
 *
 * @param trustedCaFiles PEM files of the CAs that {@code tls_client_auth} certificates
 * must chain to: the device CA and manufacturer CAs (dev mode adds its device CA)
 * @param trustedProxies addresses or CIDR ranges of TLS-terminating proxies whose
 * {@code Client-Cert} header is believed; from anyone else the header is removed
 */
@Validated
@ConfigurationProperties("keyfleet.mtls")
public record MtlsProperties(@DefaultValue List<Path> trustedCaFiles, @DefaultValue List<String> trustedProxies) {
}
