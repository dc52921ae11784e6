package io.keyfleet.sim;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PercentConverterTests {

	private final PercentConverter converter = new PercentConverter();

	@Test
	void convertWhenPercentOrFractionThenFraction() {
		assertThat(this.converter.convert("30%")).isEqualTo(0.3);
		assertThat(this.converter.convert(" 1 %")).isEqualTo(0.01);
		assertThat(this.converter.convert("0.25")).isEqualTo(0.25);
	}

	@Test
	void convertWhenOutOfRangeOrNotANumberThenRefused() {
		assertThatExceptionOfType(TypeConversionException.class).isThrownBy(() -> this.converter.convert("130%"));
		assertThatExceptionOfType(TypeConversionException.class).isThrownBy(() -> this.converter.convert("-1"));
		assertThatExceptionOfType(TypeConversionException.class).isThrownBy(() -> this.converter.convert("lots"));
	}

}
