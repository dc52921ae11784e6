package io.keyfleet.auth.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.keyfleet.auth.keys.SoftHsm;

/**
 * A device CA whose key is in the test JVM's SoftHSM2 token ({@link SoftHsm}), beside the
 * token-signing key, provisioned with the commands of {@code config/pkcs11/README.md}: a
 * P-256 key pair made in the token ({@code CKA_ID} 02), a CA certificate for it issued by a
 * root that openssl makes on disk, written into the token with the same label and id.
 */
final class SoftHsmDeviceCa {

	static final String LABEL = "keyfleet-device-ca";

	private static SoftHsmDeviceCa instance;

	private final SoftHsm hsm;

	private final Path dir;

	private SoftHsmDeviceCa(SoftHsm hsm, Path dir) {
		this.hsm = hsm;
		this.dir = dir;
	}

	/** The CA of this JVM (made on first use); skipped or failed like {@link SoftHsm#token()}. */
	static synchronized SoftHsmDeviceCa get() {
		if (instance == null) {
			SoftHsm hsm = SoftHsm.token();
			try {
				instance = provision(hsm, Files.createTempDirectory("keyfleet-hsm-ca-"));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return instance;
	}

	SoftHsm hsm() {
		return this.hsm;
	}

	/** The root (PEM) the CA certificate chains to. */
	Path root() {
		return this.dir.resolve("root.pem");
	}

	/** The CA certificate (PEM), as written into the token. */
	Path certificate() {
		return this.dir.resolve("ca.pem");
	}

	/** Root and CA in one PEM file: what a relying party trusts. */
	Path trustAnchors() {
		return this.dir.resolve("trust-anchors.pem");
	}

	/** {@code keyfleet.pki.device-ca.pkcs11.*} for this CA. */
	Pkcs11DeviceCaProperties properties() {
		return new Pkcs11DeviceCaProperties(this.hsm.library(), this.hsm.slot(), 0, this.hsm.pin(), LABEL, null);
	}

	private static SoftHsmDeviceCa provision(SoftHsm hsm, Path dir) throws IOException {
		List<String> tool = List.of("pkcs11-tool", "--module", hsm.library().toString(), "--slot",
				Long.toString(hsm.slot()));
		SoftHsm.run(dir, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
				"root-key.pem", "-out", "root.pem", "-subj", "/CN=Keyfleet Test HSM Root", "-days", "30", "-addext",
				"basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
		SoftHsm.run(dir, SoftHsm.concat(tool, "--login", "--pin", hsm.pin(), "--keypairgen", "--key-type", "EC:prime256v1", "--label",
				LABEL, "--id", "02"));
		SoftHsm.run(dir, SoftHsm.concat(tool, "--read-object", "--type", "pubkey", "--id", "02", "-o", "ca-pub.der"));
		SoftHsm.run(dir, "openssl", "pkey", "-pubin", "-inform", "DER", "-in", "ca-pub.der", "-out", "ca-pub.pem");
		Files.writeString(dir.resolve("ca.cnf"), """
				[ca]
				basicConstraints = critical,CA:TRUE,pathlen:0
				keyUsage = critical,keyCertSign,cRLSign,digitalSignature
				subjectKeyIdentifier = hash
				authorityKeyIdentifier = keyid
				""", StandardCharsets.US_ASCII);
		SoftHsm.run(dir, "openssl", "x509", "-new", "-subj", "/CN=Keyfleet Test HSM Device CA", "-force_pubkey", "ca-pub.pem",
				"-CA", "root.pem", "-CAkey", "root-key.pem", "-days", "30", "-extfile", "ca.cnf", "-extensions", "ca",
				"-out", "ca.pem");
		SoftHsm.run(dir, "openssl", "x509", "-in", "ca.pem", "-outform", "DER", "-out", "ca.der");
		SoftHsm.run(dir, SoftHsm.concat(tool, "--login", "--pin", hsm.pin(), "--write-object", "ca.der", "--type", "cert", "--id", "02",
				"--label", LABEL));
		Files.writeString(dir.resolve("trust-anchors.pem"),
				Files.readString(dir.resolve("root.pem")) + Files.readString(dir.resolve("ca.pem")));
		return new SoftHsmDeviceCa(hsm, dir);
	}

}
