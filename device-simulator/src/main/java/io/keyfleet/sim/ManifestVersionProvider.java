package io.keyfleet.sim;

import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: the Implementation-Version of the jar's manifest.
 */
final class ManifestVersionProvider implements IVersionProvider {

	@Override
	public String[] getVersion() {
		String version = KeyfleetSim.class.getPackage().getImplementationVersion();
		return new String[] { "keyfleet-sim " + ((version != null) ? version : "(development build)"),
				"Java " + System.getProperty("java.version") + ", " + System.getProperty("java.vendor") };
	}

}
