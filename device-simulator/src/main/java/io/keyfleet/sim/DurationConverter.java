package io.keyfleet.sim;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli: reads durations like {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}; a plain
 * number is seconds.
 */
final class DurationConverter implements ITypeConverter<Duration> {

	private static final Pattern FORMAT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

	@Override
	public Duration convert(String value) {
		Matcher matcher = FORMAT.matcher(value.trim());
		if (!matcher.matches()) {
			throw new TypeConversionException("'" + value + "' is not a duration (e.g. 500ms, 30s, 2m, 1h)");
		}
		double amount = Double.parseDouble(matcher.group(1));
		String unit = (matcher.group(2) != null) ? matcher.group(2) : "s";
		double millis = switch (unit) {
			case "ms" -> amount;
			case "m" -> amount * 60_000;
			case "h" -> amount * 3_600_000;
			default -> amount * 1000;
		};
		return Duration.ofMillis(Math.round(millis));
	}

}
