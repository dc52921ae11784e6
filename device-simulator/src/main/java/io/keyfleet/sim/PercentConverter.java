package io.keyfleet.sim;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli: reads a share like {@code 30%} or {@code 0.3} as a fraction (0.3), from 0 to 1.
 */
final class PercentConverter implements ITypeConverter<Double> {

	@Override
	public Double convert(String value) {
		String text = value.trim();
		boolean percent = text.endsWith("%");
		double number;
		try {
			number = Double.parseDouble(percent ? text.substring(0, text.length() - 1).trim() : text);
		}
		catch (NumberFormatException ex) {
			throw new TypeConversionException("'" + value + "' is not a share (e.g. 30% or 0.3)");
		}
		double fraction = percent ? number / 100 : number;
		if (!(fraction >= 0 && fraction <= 1)) {
			throw new TypeConversionException("'" + value + "' is not between 0% and 100%");
		}
		return fraction;
	}

}
