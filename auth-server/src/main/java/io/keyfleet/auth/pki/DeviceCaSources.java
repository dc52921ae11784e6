package io.keyfleet.auth.pki;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the device CA's one source — PEM files, a PKCS#12 file or a PKCS#11 token — loads
 * it and checks it ({@link DeviceCaCheck}). Two sources configured stop the start with a
 * message naming both sets of properties, rather than one silently winning; none stops it
 * with the PEM files' "not configured" message.
 */
final class DeviceCaSources {

	private static final Logger log = LoggerFactory.getLogger(DeviceCaSources.class);

	private DeviceCaSources() {
	}

	static DeviceCa load(PkiProperties.DeviceCaProperties properties) {
		List<String> configured = new ArrayList<>();
		if (properties.certificate() != null || properties.privateKey() != null) {
			configured.add(PemDeviceCa.CERTIFICATE + " / .private-key");
		}
		if (properties.pkcs12() != null) {
			configured.add(Pkcs12DeviceCa.PREFIX + ".*");
		}
		if (properties.pkcs11() != null) {
			configured.add(Pkcs11DeviceCaProperties.PREFIX + ".*");
		}
		if (configured.size() > 1) {
			throw new IllegalStateException("keyfleet.pki.device-ca: configure one source of the device CA, not "
					+ String.join(" and ", configured) + "; see docs/configuration.md");
		}
		DeviceCa ca;
		String source;
		if (properties.pkcs12() != null) {
			ca = Pkcs12DeviceCa.load(properties.pkcs12(), properties.chain());
			source = Pkcs12DeviceCa.PREFIX;
		}
		else if (properties.pkcs11() != null) {
			ca = Pkcs11DeviceCa.load(properties.pkcs11(), properties.chain());
			source = Pkcs11DeviceCaProperties.PREFIX;
		}
		else {
			ca = PemDeviceCa.load(properties);
			source = PemDeviceCa.PRIVATE_KEY;
		}
		DeviceCaCheck.verify(ca, source);
		log.info("Device CA {} from {} ({} above it)", ca.certificate().getSubjectX500Principal().getName(), source,
				ca.chain().size());
		return ca;
	}

}
