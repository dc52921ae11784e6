package io.keyfleet.sim.attest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The boot measurements of a simulated device, as Keyfleet's {@code kf_measurements} claim
 * carries them ({@code "sha-256:<hex>"} per component). A simulated component has no code to
 * hash, so its measurement is defined as SHA-256 of the UTF-8 text
 * {@code "keyfleet-sim <component> <version>"}: the same rule that produced the golden values
 * of {@code config/policies/KF-SIM-1.json} (see its README), so a device on an approved
 * firmware measures exactly what the policy allows, and a tampered one (a different text)
 * does not.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9334#section-8.1">RFC 9334 Section 8.1 (reference values)</a>
 */
public final class Measurements {

	/** The measured components, in the order the evidence lists them. */
	public static final List<String> COMPONENTS = List.of("bootloader", "kernel");

	private Measurements() {
	}

	/**
	 * @param component e.g. {@code bootloader}
	 * @param version the firmware version the component belongs to, e.g. {@code 2.5.0}
	 * @return {@code sha-256:} and the lowercase hex SHA-256 of {@code keyfleet-sim <component> <version>}
	 */
	public static String digest(String component, String version) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256")
				.digest(("keyfleet-sim " + component + " " + version).getBytes(StandardCharsets.UTF_8));
			return "sha-256:" + HexFormat.of().formatHex(hash);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

	/**
	 * @param version the firmware version
	 * @param tampered components whose measurement is of modified code (digest of
	 * {@code <version>-tampered}, which no policy allows)
	 * @return component to digest, for every {@link #COMPONENTS component}
	 */
	public static Map<String, String> of(String version, Set<String> tampered) {
		Map<String, String> digests = new LinkedHashMap<>();
		for (String component : COMPONENTS) {
			digests.put(component, digest(component, tampered.contains(component) ? version + "-tampered" : version));
		}
		return digests;
	}

}
