package io.keyfleet.sim.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AsciiBufferTests {

	@Test
	void appendWhenNumbersThenDecimalDigits() {
		AsciiBuffer buffer = new AsciiBuffer(1).append(0L).append(' ').append(1_795_638_668L).append(' ').append(-42L);

		assertThat(buffer).hasToString("0 1795638668 -42");
	}

	@Test
	void appendWhenMoreThanCapacityThenGrowsAndResetEmpties() {
		AsciiBuffer buffer = new AsciiBuffer(2);
		buffer.append("Content-Length: ").append(new byte[] { '4', '2' }).append(new AsciiBuffer(4).append("\r\n"));

		assertThat(buffer).hasToString("Content-Length: 42\r\n");
		assertThat(buffer.reset().length()).isZero();
		assertThat(buffer.append("x").toByteArray()).containsExactly('x');
	}

}
