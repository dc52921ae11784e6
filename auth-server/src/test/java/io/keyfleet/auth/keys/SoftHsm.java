package io.keyfleet.auth.keys;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * A private SoftHSM2 token for this test JVM, provisioned with the commands of
 * {@code config/pkcs11/README.md}: {@code softhsm2-util --init-token}, an EC P-256 key pair
 * made in the token by {@code pkcs11-tool --keypairgen}, and a certificate for its public
 * key written next to it (SunPKCS11 lists a private key only with a certificate).
 *
 * <p>
 * SoftHSM2 reads its configuration from the file named by the {@code SOFTHSM2_CONF}
 * environment variable when the library is initialised, and SunPKCS11 loads the library
 * into this JVM, where the environment cannot be changed. So the surefire configuration
 * sets {@code SOFTHSM2_CONF} to {@code target/softhsm2/softhsm2.conf} for the test JVM,
 * and this fixture writes that file — pointing at a fresh token directory — before anything
 * in the JVM loads the library. The command-line tools get the same environment.
 *
 * <p>
 * Without softhsm2, opensc ({@code pkcs11-tool}) or openssl the tests are skipped, unless
 * {@code KEYFLEET_REQUIRE_SOFTHSM=true} ({@code .ci/run}), which makes it a failure.
 *
 * <p>
 * Public for the device-CA tests ({@code pki}), which add the CA's key to the same token.
 */
public final class SoftHsm {

	public static final String KEY_LABEL = "keyfleet-signing";

	private static final List<Path> LIBRARIES = List.of(Path.of("/usr/lib/softhsm/libsofthsm2.so"),
			Path.of("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"),
			Path.of("/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so"),
			Path.of("/usr/local/lib/softhsm/libsofthsm2.so"));

	private static final String SPARE_PIN = "24681357";

	private static SoftHsm instance;

	private final Path library;

	private final long slot;

	private final long spareSlot;

	private final String pin;

	private final ECPublicKey publicKey;

	private SoftHsm(Path library, long slot, long spareSlot, String pin, ECPublicKey publicKey) {
		this.library = library;
		this.spareSlot = spareSlot;
		this.slot = slot;
		this.pin = pin;
		this.publicKey = publicKey;
	}

	/** The token of this JVM (made on first use), or the test is skipped or failed. */
	public static synchronized SoftHsm token() {
		if (instance == null) {
			String missing = missing();
			if (missing != null) {
				if ("true".equals(System.getenv("KEYFLEET_REQUIRE_SOFTHSM"))) {
					fail("SoftHSM2 is required (KEYFLEET_REQUIRE_SOFTHSM=true): " + missing);
				}
				Assumptions.abort(missing + " (.ci/run installs softhsm2 and opensc)");
			}
			instance = provision(installedLibrary().orElseThrow(), Path.of(System.getenv("SOFTHSM2_CONF")));
		}
		return instance;
	}

	public Path library() {
		return this.library;
	}

	public long slot() {
		return this.slot;
	}

	public String pin() {
		return this.pin;
	}

	/** The public key as {@code pkcs11-tool} read it from the token's public-key object. */
	public ECPublicKey publicKey() {
		return this.publicKey;
	}

	/** {@code keyfleet.keys.pkcs11.*} for this token. */
	Pkcs11Properties properties() {
		return new Pkcs11Properties(this.library, this.slot, 0, this.pin, KEY_LABEL);
	}

	private static String missing() {
		if (System.getenv("SOFTHSM2_CONF") == null) {
			return "SOFTHSM2_CONF is not set (run the tests through Maven: surefire sets it)";
		}
		for (String tool : List.of("softhsm2-util", "pkcs11-tool", "openssl")) {
			if (!onPath(tool)) {
				return tool + " is not on the PATH";
			}
		}
		return installedLibrary().isEmpty() ? "libsofthsm2.so not found in " + LIBRARIES : null;
	}

	private static Optional<Path> installedLibrary() {
		return LIBRARIES.stream().filter(Files::isRegularFile).findFirst();
	}

	private static boolean onPath(String tool) {
		return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
			.anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
	}

	private static SoftHsm provision(Path library, Path conf) {
		try {
			Path dir = Files.createDirectories(conf.getParent());
			Path tokens = Files.createTempDirectory(dir, "tokens-");
			Files.writeString(conf, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n",
					StandardCharsets.US_ASCII);
			String pin = String.format("%08d", new SecureRandom().nextInt(100_000_000));
			String module = library.toString();
			String slot = Long.toString(initToken(dir, "keyfleet-test", pin));
			long spareSlot = initToken(dir, "keyfleet-spare", SPARE_PIN);
			List<String> tool = List.of("pkcs11-tool", "--module", module, "--slot", slot);
			run(dir, concat(tool, "--login", "--pin", pin, "--keypairgen", "--key-type", "EC:prime256v1", "--label",
					KEY_LABEL, "--id", "01"));
			run(dir, concat(tool, "--read-object", "--type", "pubkey", "--id", "01", "-o", "pub.der"));
			run(dir, "openssl", "pkey", "-pubin", "-inform", "DER", "-in", "pub.der", "-out", "pub.pem");
			run(dir, "openssl", "ecparam", "-name", "prime256v1", "-genkey", "-out", "throwaway.pem");
			run(dir, "openssl", "x509", "-new", "-subj", "/CN=" + KEY_LABEL, "-key", "throwaway.pem", "-force_pubkey",
					"pub.pem", "-days", "3650", "-outform", "DER", "-out", "cert.der");
			run(dir, concat(tool, "--login", "--pin", pin, "--write-object", "cert.der", "--type", "cert", "--id", "01",
					"--label", KEY_LABEL));
			ECPublicKey publicKey = (ECPublicKey) KeyFactory.getInstance("EC")
				.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(dir.resolve("pub.der"))));
			return new SoftHsm(library, Long.parseLong(slot), spareSlot, pin, publicKey);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A second token, without keys, that nothing in this JVM has logged in to: PKCS#11
	 * login state belongs to the application, not to a provider instance (a second
	 * SunPKCS11 instance on a token this JVM already logged in to is logged in too), so a
	 * wrong-PIN test needs it. Made with the first one because SoftHSM2 lists the tokens
	 * once, when the library is initialised.
	 */
	public long spareSlot() {
		return this.spareSlot;
	}

	/** The user PIN of {@link #spareSlot()}. */
	public static String sparePin() {
		return SPARE_PIN;
	}

	private static long initToken(Path dir, String label, String pin) throws IOException {
		String init = run(dir, "softhsm2-util", "--init-token", "--free", "--label", label, "--so-pin", "so-" + pin,
				"--pin", pin);
		Matcher slot = Pattern.compile("reassigned to slot (\\d+)").matcher(init);
		if (!slot.find()) {
			throw new IllegalStateException("softhsm2-util printed no slot: " + init);
		}
		return Long.parseLong(slot.group(1));
	}

	public static List<String> concat(List<String> head, String... tail) {
		List<String> all = new ArrayList<>(head);
		all.addAll(List.of(tail));
		return all;
	}

	/** Runs a command in {@code dir}; its output (stdout and stderr), or a failure. */
	public static String run(Path dir, String... command) throws IOException {
		return run(dir, List.of(command));
	}

	public static String run(Path dir, List<String> command) throws IOException {
		Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
		try {
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(command.get(0) + " failed: " + output);
			}
			return output;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
