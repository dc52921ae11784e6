package io.keyfleet.sim;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DurationConverterTests {

	private final DurationConverter converter = new DurationConverter();

	@Test
	void convertWhenUnitsThenDurations() {
		assertThat(this.converter.convert("30s")).isEqualTo(Duration.ofSeconds(30));
		assertThat(this.converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
		assertThat(this.converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
		assertThat(this.converter.convert("1h")).isEqualTo(Duration.ofHours(1));
		assertThat(this.converter.convert("1.5")).isEqualTo(Duration.ofMillis(1500));
	}

	@Test
	void convertWhenNotADurationThenTypeConversionException() {
		assertThatExceptionOfType(TypeConversionException.class).isThrownBy(() -> this.converter.convert("-1s"));
		assertThatExceptionOfType(TypeConversionException.class).isThrownBy(() -> this.converter.convert("10 days"));
	}

}
