package io.keyfleet.auth.clientauth;

import java.security.cert.X509Certificate;

import io.keyfleet.auth.client.ClientRecord;

/**
 * The second way a {@code tls_client_auth} certificate can be trusted (RFC 8705 §2.1),
 * beside the configured CAs: as the factory certificate of a device registered from an
 * enrollment group, as long as that group exists — its chain leads to the group's CA and
 * it names that device. Implemented by the provisioning capability.
 */
@FunctionalInterface
public interface FactoryCertificateTrust {

	/** Whether {@code chain} (leaf first) is a valid factory certificate of {@code device}. */
	boolean authenticates(X509Certificate[] chain, ClientRecord device);

}
