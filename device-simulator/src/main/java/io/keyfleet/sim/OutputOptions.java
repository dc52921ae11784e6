package io.keyfleet.sim;

import picocli.CommandLine.Option;

/**
 * {@code --json}: every command can print one JSON object on stdout instead of text.
 */
public final class OutputOptions {

	@Option(names = "--json", description = "Print one JSON object on stdout instead of text.")
	private boolean json;

	public boolean json() {
		return this.json;
	}

}
