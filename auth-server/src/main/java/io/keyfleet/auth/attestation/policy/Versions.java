package io.keyfleet.auth.attestation.policy;

import java.util.regex.Pattern;

/**
 * Dotted numeric versions compared number by number ({@code 2.10.0 > 2.4.1}; a missing
 * part counts as 0), as CONTRACT "Appraisal policy" requires.
 */
public final class Versions {

	private static final Pattern VERSION = Pattern.compile("\\d{1,9}(\\.\\d{1,9}){0,7}");

	private Versions() {
	}

	public static boolean isVersion(String text) {
		return text != null && VERSION.matcher(text).matches();
	}

	/** Negative, zero or positive as {@code a} is below, equal to or above {@code b}. */
	public static int compare(String a, String b) {
		String[] left = a.split("\\.");
		String[] right = b.split("\\.");
		for (int i = 0; i < Math.max(left.length, right.length); i++) {
			long l = (i < left.length) ? Long.parseLong(left[i]) : 0;
			long r = (i < right.length) ? Long.parseLong(right[i]) : 0;
			if (l != r) {
				return Long.compare(l, r);
			}
		}
		return 0;
	}

}
