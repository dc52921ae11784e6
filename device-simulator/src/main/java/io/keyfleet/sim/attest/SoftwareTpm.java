package io.keyfleet.sim.attest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.keyfleet.sim.JsonOutput;
import io.keyfleet.sim.OwnerOnlyFiles;
import io.keyfleet.sim.SimException;
import tools.jackson.databind.node.ObjectNode;

/**
 * A device's TPM 2.0, simulated by a real software TPM (swtpm/libtpms) driven with
 * tpm2-tools, as firmware and an agent on a device would drive a hardware one. Its state
 * lives in a directory of the fleet; the swtpm process runs only while a command needs it.
 * Provisioning makes the endorsement key and an ECDSA P-256 attestation key under it,
 * persisted at {@value #AK_HANDLE}; each quote starts the TPM (PCRs reset, as at power-on),
 * replays the device's boot events and quotes PCRs 0–7 over the challenge.
 *
 * @see <a href="https://trustedcomputinggroup.org/resource/tpm-library-specification/">TPM 2.0 Library, Part 3, TPM2_Quote</a>
 */
final class SoftwareTpm implements AutoCloseable {

	/** The persistent handle of the attestation key. */
	static final String AK_HANDLE = "0x81010002";

	/** Where swtpm_setup --createek persists the RSA endorsement key. */
	private static final String EK_HANDLE = "0x81010001";

	private static final Pattern PCR_LINE = Pattern.compile("^\\s+(\\d+)\\s*:\\s*0x([0-9A-Fa-f]{64})\\s*$",
			Pattern.MULTILINE);

	private static final List<String> TOOLS = List.of("swtpm", "swtpm_setup", "tpm2_createak", "tpm2_evictcontrol",
			"tpm2_pcrextend", "tpm2_quote");

	private final Path directory;

	private final Process swtpm;

	private final String tcti;

	private SoftwareTpm(Path directory, Process swtpm, int port) {
		this.directory = directory;
		this.swtpm = swtpm;
		this.tcti = "swtpm:host=127.0.0.1,port=" + port;
	}

	/**
	 * @return whether swtpm and tpm2-tools are on the PATH
	 */
	static boolean available() {
		String path = System.getenv().getOrDefault("PATH", "");
		return TOOLS.stream().allMatch((tool) -> List.of(path.split(":")).stream()
			.anyMatch((dir) -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))));
	}

	/**
	 * Manufactures a TPM in {@code directory} (endorsement key, sha256 bank) and makes its
	 * attestation key.
	 * @param directory the TPM's directory (created, owner-only by the caller)
	 * @return the attestation key's public key, PEM (SubjectPublicKeyInfo)
	 */
	static String provision(Path directory) {
		OwnerOnlyFiles.directory(directory.resolve("state")); // swtpm_setup wants it to exist
		run(directory, null, "swtpm_setup", "--tpm2", "--tpmstate", directory.resolve("state").toString(), "--createek",
				"--pcr-banks", "sha256");
		try (SoftwareTpm tpm = start(directory)) {
			tpm.tools("tpm2_createak", "-C", EK_HANDLE, "-c", "ak.ctx", "-G", "ecc", "-g", "sha256", "-s", "ecdsa", "-u",
					"ak.pub.pem", "-f", "pem", "-n", "ak.name");
			// a transient key would not survive the TPM's next start: persist it
			tpm.tools("tpm2_evictcontrol", "-C", "o", "-c", "ak.ctx", AK_HANDLE);
			return Files.readString(directory.resolve("ak.pub.pem"), StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Starts the TPM of {@code directory} on free local ports.
	 * @param directory a provisioned TPM's directory
	 * @return the running TPM; close it to stop it
	 */
	static SoftwareTpm start(Path directory) {
		int port = freePortPair();
		Process swtpm;
		try {
			Files.createDirectories(directory.resolve("state"));
			// the swtpm TCTI of tpm2-tools expects the control channel on the next port
			swtpm = new ProcessBuilder("swtpm", "socket", "--tpm2", "--tpmstate", "dir=" + directory.resolve("state"),
					"--server", "type=tcp,port=" + port + ",bindaddr=127.0.0.1", "--ctrl",
					"type=tcp,port=" + (port + 1) + ",bindaddr=127.0.0.1", "--flags", "not-need-init,startup-clear")
				.redirectErrorStream(true)
				.redirectOutput(directory.resolve("swtpm.log").toFile())
				.start();
		}
		catch (IOException ex) {
			throw new SimException("cannot start swtpm: " + ex.getMessage(), ex);
		}
		SoftwareTpm tpm = new SoftwareTpm(directory, swtpm, port);
		tpm.awaitListening(port);
		return tpm;
	}

	/**
	 * @param events extended into the sha256 PCRs, in order
	 */
	void boot(List<BootEvents.Event> events) {
		for (BootEvents.Event event : events) {
			tools("tpm2_pcrextend", event.pcr() + ":sha256=" + HexFormat.of().formatHex(event.digest()));
		}
	}

	/**
	 * Quotes PCRs 0–7 over the challenge with the attestation key.
	 * @param challenge the server's challenge, base64url (its bytes become the quote's extraData)
	 * @return the {@code tpm2-quote} evidence of CONTRACT "Device attestation": base64url of
	 * {@code {"quote", "signature", "pcrs": {"sha256": {...}}}}
	 */
	String quote(String challenge) {
		String nonce = HexFormat.of().formatHex(Base64.getUrlDecoder().decode(challenge));
		String output = tools("tpm2_quote", "-c", AK_HANDLE, "-l", "sha256:0,1,2,3,4,5,6,7", "-q", nonce, "-m",
				"quote.msg", "-s", "quote.sig", "-o", "pcrs.out", "-g", "sha256");
		try {
			ObjectNode evidence = JsonOutput.object();
			evidence.put("quote", Base64.getEncoder().encodeToString(Files.readAllBytes(this.directory.resolve("quote.msg"))));
			evidence.put("signature",
					Base64.getEncoder().encodeToString(Files.readAllBytes(this.directory.resolve("quote.sig"))));
			evidence.putObject("pcrs").set("sha256", JsonOutput.tree(pcrs(output)));
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(JsonOutput.compact(evidence).getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new SimException("cannot read the quote: " + ex.getMessage(), ex);
		}
	}

	@Override
	public void close() {
		this.swtpm.destroy();
		try {
			if (!this.swtpm.waitFor(5, TimeUnit.SECONDS)) {
				this.swtpm.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.swtpm.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	private String tools(String... command) {
		return run(this.directory, this.tcti, command);
	}

	private static String run(Path directory, String tcti, String... command) {
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
		if (tcti != null) {
			builder.environment().put("TPM2TOOLS_TCTI", tcti);
		}
		try {
			Process process = builder.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new SimException(command[0] + " failed: " + output.strip().lines().reduce((a, b) -> b).orElse(""));
			}
			return output;
		}
		catch (IOException ex) {
			throw new SimException("cannot run " + command[0] + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SimException(command[0] + " interrupted", ex);
		}
	}

	private static Map<String, String> pcrs(String yaml) {
		Map<String, String> pcrs = new LinkedHashMap<>();
		Matcher matcher = PCR_LINE.matcher(yaml);
		while (matcher.find()) {
			pcrs.put(matcher.group(1), matcher.group(2).toLowerCase());
		}
		if (pcrs.size() != BootEvents.PCR_COUNT) {
			throw new SimException("tpm2_quote printed no values of PCRs 0-7");
		}
		return pcrs;
	}

	private void awaitListening(int port) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline) {
			if (!this.swtpm.isAlive()) {
				throw new SimException("swtpm exited; see " + this.directory.resolve("swtpm.log"));
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
				return;
			}
			catch (IOException ex) {
				try {
					Thread.sleep(20);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					close();
					throw new SimException("interrupted while swtpm started", interrupted);
				}
			}
		}
		close();
		throw new SimException("swtpm did not listen on port " + port);
	}

	/** Two adjacent free ports: swtpm's server and control channels. */
	private static int freePortPair() {
		for (int attempt = 0; attempt < 20; attempt++) {
			try (ServerSocket first = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				int port = first.getLocalPort();
				try (ServerSocket second = new ServerSocket(port + 1, 1, InetAddress.getLoopbackAddress())) {
					return port;
				}
				catch (IOException taken) {
					// the next port is in use: try another pair
				}
			}
			catch (IOException ex) {
				throw new SimException("no free local port: " + ex.getMessage(), ex);
			}
		}
		throw new SimException("no two adjacent free local ports for swtpm");
	}

}
