package io.keyfleet.auth.attestation.tpm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.keyfleet.auth.support.Http;

/**
 * A real software TPM 2.0 (swtpm/libtpms) driven with tpm2-tools, exactly as a device
 * would: provisioned with an EK, an attestation key made under it, PCRs extended, and
 * quotes over a server's challenge ({@code tpm2_quote -q <challenge hex>}). The tools are
 * installed by {@code .ci/run}; {@link #available()} tells whether this machine has them.
 */
final class SoftwareTpm implements AutoCloseable {

	private static final Pattern PCR_LINE = Pattern.compile("^\\s+(\\d+)\\s*:\\s*0x([0-9A-Fa-f]{64})\\s*$",
			Pattern.MULTILINE);

	private final Path directory;

	private final Process swtpm;

	private final String tcti;

	private SoftwareTpm(Path directory, Process swtpm, int port) {
		this.directory = directory;
		this.swtpm = swtpm;
		this.tcti = "swtpm:host=127.0.0.1,port=" + port;
	}

	static boolean available() {
		return onPath("swtpm") && onPath("swtpm_setup") && onPath("tpm2_quote") && onPath("tpm2_createak");
	}

	/** Provisions a fresh TPM in {@code directory} (EK, sha256 bank only) and starts it on free ports. */
	static SoftwareTpm start(Path directory) throws Exception {
		Path state = Files.createDirectories(directory.resolve("state"));
		run(directory, null, "swtpm_setup", "--tpm2", "--tpmstate", state.toString(), "--createek", "--pcr-banks",
				"sha256");
		// the swtpm TCTI of tpm2-tools expects the control channel on the next port
		int port = freePortPair();
		int control = port + 1;
		Process swtpm = new ProcessBuilder("swtpm", "socket", "--tpm2", "--tpmstate", "dir=" + state, "--server",
				"type=tcp,port=" + port + ",bindaddr=127.0.0.1", "--ctrl", "type=tcp,port=" + control + ",bindaddr=127.0.0.1",
				"--flags", "not-need-init,startup-clear")
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("swtpm.log").toFile())
			.start();
		SoftwareTpm tpm = new SoftwareTpm(directory, swtpm, port);
		tpm.awaitListening(port);
		return tpm;
	}

	/** Makes an attestation key under the RSA EK ({@code tpm2_createak}); returns its public key as PEM. */
	String createAttestationKey(String name, String type) throws Exception {
		String scheme = type.equals("ecc") ? "ecdsa" : "rsassa";
		tools("tpm2_createak", "-C", "0x81010001", "-c", name + ".ctx", "-G", type, "-g", "sha256", "-s", scheme, "-u",
				name + ".pub.pem", "-f", "pem", "-n", name + ".name");
		tools("tpm2_flushcontext", "-t");
		return Files.readString(this.directory.resolve(name + ".pub.pem"));
	}

	/** Measures {@code event} into {@code pcr}, as firmware does at boot. */
	void extend(int pcr, String event) throws Exception {
		byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(event.getBytes(StandardCharsets.UTF_8));
		tools("tpm2_pcrextend", pcr + ":sha256=" + HexFormat.of().formatHex(digest));
	}

	/** The current sha256 PCR 0–7 values, lowercase hex. */
	Map<String, String> pcrs() throws Exception {
		return parsePcrs(tools("tpm2_pcrread", "sha256:0,1,2,3,4,5,6,7"));
	}

	/**
	 * Quotes PCRs 0–7 over {@code challenge} (base64url, as the challenge endpoint sends it)
	 * with attestation key {@code name}, and packs the result as the contract's
	 * {@code tpm2-quote} evidence.
	 */
	String quote(String name, String challenge) throws Exception {
		String nonce = HexFormat.of().formatHex(Base64.getUrlDecoder().decode(challenge));
		String output = tools("tpm2_quote", "-c", name + ".ctx", "-l", "sha256:0,1,2,3,4,5,6,7", "-q", nonce, "-m",
				"quote.msg", "-s", "quote.sig", "-o", "pcrs.out", "-g", "sha256");
		Map<String, Object> evidence = new LinkedHashMap<>();
		evidence.put("quote", Base64.getEncoder().encodeToString(Files.readAllBytes(this.directory.resolve("quote.msg"))));
		evidence.put("signature",
				Base64.getEncoder().encodeToString(Files.readAllBytes(this.directory.resolve("quote.sig"))));
		evidence.put("pcrs", Map.of("sha256", parsePcrs(output)));
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(Http.JSON.writeValueAsString(evidence).getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public void close() {
		this.swtpm.destroy();
		try {
			if (!this.swtpm.waitFor(5, TimeUnit.SECONDS)) {
				this.swtpm.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.swtpm.destroyForcibly();
		}
	}

	private String tools(String... command) throws Exception {
		return run(this.directory, this.tcti, command);
	}

	private static String run(Path directory, String tcti, String... command) throws Exception {
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
		if (tcti != null) {
			builder.environment().put("TPM2TOOLS_TCTI", tcti);
		}
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
		}
		return output;
	}

	private static Map<String, String> parsePcrs(String yaml) {
		Map<String, String> pcrs = new LinkedHashMap<>();
		Matcher matcher = PCR_LINE.matcher(yaml);
		while (matcher.find()) {
			pcrs.put(matcher.group(1), matcher.group(2).toLowerCase());
		}
		if (pcrs.size() != 8) {
			throw new IllegalStateException("expected PCRs 0-7 in: " + yaml);
		}
		return pcrs;
	}

	private void awaitListening(int port) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline) {
			if (!this.swtpm.isAlive()) {
				throw new IllegalStateException("swtpm exited; see " + this.directory.resolve("swtpm.log"));
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
				return;
			}
			catch (IOException ex) {
				Thread.sleep(50);
			}
		}
		throw new IllegalStateException("swtpm did not listen on " + port);
	}

	private static int freePortPair() {
		for (int attempt = 0; attempt < 20; attempt++) {
			try (ServerSocket first = new ServerSocket(0)) {
				int port = first.getLocalPort();
				try (ServerSocket second = new ServerSocket(port + 1)) {
					return port;
				}
				catch (IOException taken) {
					// the next port is in use: try another pair
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		throw new IllegalStateException("no two adjacent free ports");
	}

	private static boolean onPath(String tool) {
		List<String> path = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
		return path.stream().anyMatch((dir) -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, tool)));
	}

}
