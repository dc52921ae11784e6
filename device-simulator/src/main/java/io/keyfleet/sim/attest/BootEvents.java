package io.keyfleet.sim.attest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a simulated device with a TPM measures into PCRs 0–7 at boot (sha256 bank, each
 * event extended as the SHA-256 of its text). A healthy boot replays the golden events of
 * {@code shared/fixtures/tpm/golden-pcr-extends.txt}, whose resulting PCR values are the
 * reference values of {@code config/policies/KF-SIM-1.json} ({@code tpm2_quote}). A tampered
 * component adds an event to PCR 4 (boot manager and bootloader code); secure boot off leaves
 * out the PCR 7 SecureBoot event. Either way some PCR differs from the policy.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9334#section-8.1">RFC 9334 Section 8.1 (reference values)</a>
 */
public final class BootEvents {

	/** The PCRs quoted and appraised. */
	public static final int PCR_COUNT = 8;

	private static final List<Event> GOLDEN = List.of(
			new Event(0, "keyfleet-fixture: CRTM + UEFI firmware image KF-EDGE-100 v2.4.1"),
			new Event(1, "keyfleet-fixture: platform configuration (SMBIOS, boot order) KF-EDGE-100"),
			new Event(2, "keyfleet-fixture: option ROM nic-fw v1.0.7"),
			new Event(4, "keyfleet-fixture: boot manager shim 15.8"),
			new Event(4, "keyfleet-fixture: bootloader grub 2.12 (signed)"),
			new Event(7, "keyfleet-fixture: SecureBoot=1 PK/KEK/db/dbx baseline 2026-01"));

	private static final int SECURE_BOOT_PCR = 7;

	private BootEvents() {
	}

	/**
	 * @param secureBoot whether secure boot is on
	 * @param tampered components that run modified code
	 * @return the events, in the order they are extended
	 */
	public static List<Event> of(boolean secureBoot, Set<String> tampered) {
		List<Event> events = new ArrayList<>();
		for (Event event : GOLDEN) {
			if (secureBoot || event.pcr() != SECURE_BOOT_PCR) {
				events.add(event);
			}
		}
		Measurements.COMPONENTS.stream()
			.filter(tampered::contains)
			.forEach((component) -> events.add(new Event(4, "keyfleet-sim: modified " + component)));
		return events;
	}

	/**
	 * @param events the events extended from a fresh TPM (all PCRs zero)
	 * @return PCR index (as text) to the lowercase hex sha256 value, PCRs 0–7
	 */
	public static Map<String, String> pcrs(List<Event> events) {
		byte[][] pcrs = new byte[PCR_COUNT][32];
		for (Event event : events) {
			MessageDigest sha256 = sha256();
			sha256.update(pcrs[event.pcr()]);
			sha256.update(event.digest());
			pcrs[event.pcr()] = sha256.digest();
		}
		Map<String, String> values = new LinkedHashMap<>();
		for (int i = 0; i < PCR_COUNT; i++) {
			values.put(String.valueOf(i), HexFormat.of().formatHex(pcrs[i]));
		}
		return values;
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

	/**
	 * One measurement.
	 *
	 * @param pcr the PCR it is extended into
	 * @param text what was measured; the extended digest is SHA-256 of its UTF-8 bytes
	 */
	public record Event(int pcr, String text) {

		public byte[] digest() {
			return sha256().digest(this.text.getBytes(StandardCharsets.UTF_8));
		}

	}

}
