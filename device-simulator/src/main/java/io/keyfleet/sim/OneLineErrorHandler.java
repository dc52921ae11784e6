package io.keyfleet.sim;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Prints an exception thrown by a command as one line on stderr, never a stack trace, and
 * returns its exit code: {@link SimException#exitCode()}, else {@link ExitCodes#SOFTWARE}.
 * With {@code --verbose} the causes follow, one line each.
 */
public final class OneLineErrorHandler implements IExecutionExceptionHandler {

	private static final int MAX_CAUSES = 10;

	@Override
	public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
		PrintWriter err = commandLine.getErr();
		String line = commandLine.getCommandSpec().qualifiedName() + ": " + describe(ex);
		err.println(commandLine.getColorScheme().errorText(line));
		if (isVerbose(commandLine)) {
			printCauses(ex, err);
		}
		err.flush();
		return (ex instanceof SimException simException) ? simException.exitCode() : ExitCodes.SOFTWARE;
	}

	private static void printCauses(Exception ex, PrintWriter err) {
		String previous = null;
		Throwable cause = ex.getCause();
		for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++) {
			String line = "  caused by " + cause.getClass().getName() + ": " + oneLine(cause.getMessage());
			if (!line.equals(previous)) {
				err.println(line);
			}
			previous = line;
			cause = (cause.getCause() != cause) ? cause.getCause() : null;
		}
	}

	private static String describe(Exception ex) {
		if (ex instanceof SimException) {
			return oneLine(ex.getMessage());
		}
		return "internal error: " + ex.getClass().getSimpleName() + ": " + oneLine(ex.getMessage());
	}

	/**
	 * @param message a message, possibly multi-line or {@code null}
	 * @return the message on one line
	 */
	public static String oneLine(String message) {
		return (message != null) ? message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip() : "(no message)";
	}

	private static boolean isVerbose(CommandLine commandLine) {
		Object root = commandLine.getCommandSpec().root().userObject();
		return root instanceof KeyfleetSim sim && sim.isVerbose();
	}

}
