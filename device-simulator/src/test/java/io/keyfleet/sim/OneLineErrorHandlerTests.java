package io.keyfleet.sim;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failures print one line, never a stack trace, and map to the documented exit codes.
 */
class OneLineErrorHandlerTests {

	@Test
	void handleWhenSimExceptionThenItsMessageAndExitCode() {
		Result result = run(new Failing(new SimException(ExitCodes.OAUTH_ERROR, "refused\nby server", null)));

		assertThat(result.exitCode()).isEqualTo(ExitCodes.OAUTH_ERROR);
		assertThat(result.err()).isEqualTo("failing: refused by server" + System.lineSeparator());
	}

	@Test
	void handleWhenUnexpectedExceptionThenInternalErrorLineAndExitCode1() {
		Result result = run(new Failing(new IllegalStateException("boom")));

		assertThat(result.exitCode()).isEqualTo(ExitCodes.SOFTWARE);
		assertThat(result.err()).isEqualTo("failing: internal error: IllegalStateException: boom"
				+ System.lineSeparator());
	}

	@Test
	void handleWhenVerboseThenCausesFollowOncePerLineWithoutStackTrace() {
		IOException root = new IOException("Connection refused");
		SimException failure = new SimException("cannot connect", new IOException("Connection refused", root));

		CommandRun run = runVerbose(failure);

		assertThat(run.exitCode()).isEqualTo(ExitCodes.SOFTWARE);
		assertThat(run.err().lines()).containsExactly("keyfleet-sim failing: cannot connect",
				"  caused by java.io.IOException: Connection refused");
	}

	private static Result run(Callable<Integer> command) {
		StringWriter err = new StringWriter();
		int exitCode = new CommandLine(command).setExecutionExceptionHandler(new OneLineErrorHandler())
			.setErr(new PrintWriter(err, true))
			.execute();
		return new Result(exitCode, err.toString());
	}

	private static CommandRun runVerbose(Exception failure) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		CommandLine commandLine = KeyfleetSim.commandLine().addSubcommand(new Failing(failure));
		commandLine.setOut(new PrintWriter(out, true));
		commandLine.setErr(new PrintWriter(err, true));
		return new CommandRun(commandLine.execute("--verbose", "failing"), out.toString(), err.toString());
	}

	private record Result(int exitCode, String err) {
	}

	@Command(name = "failing")
	static final class Failing implements Callable<Integer> {

		private final Exception failure;

		Failing(Exception failure) {
			this.failure = failure;
		}

		@Override
		public Integer call() throws Exception {
			throw this.failure;
		}

	}

}
