package io.keyfleet.sim;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.util.concurrent.Callable;

import com.nimbusds.jose.jwk.ECKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code keyfleet-sim keygen}: makes a device key pair. The private key goes to a PKCS#8
 * PEM file readable by its owner only; the public JWK, with the RFC 7638 thumbprint as
 * {@code kid}, goes to stdout, ready for a registration's {@code jwks}.
 */
@Command(name = "keygen", mixinStandardHelpOptions = true,
		description = { "Generate an EC P-256 key pair for private_key_jwt (ES256).",
				"Writes the private key (PKCS#8 PEM, owner-only permissions) to --out and prints the public JWK "
						+ "(kid = RFC 7638 thumbprint) on stdout, ready to paste into a registration's \"jwks\"." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { ExitCodes.OK_LINE, ExitCodes.SOFTWARE_LINE, ExitCodes.USAGE_LINE })
final class KeygenCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Mixin
	private OutputOptions output;

	@Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the private key.")
	private Path out;

	@Option(names = "--force", description = "Replace --out if it exists.")
	private boolean force;

	@Override
	public Integer call() {
		if (Files.exists(this.out) && !this.force) {
			throw new SimException(this.out + " already exists; pass --force to replace it");
		}
		KeyPair keyPair = EcKeys.generate();
		OwnerOnlyFiles.write(this.out, Pem.encodePrivateKey(keyPair.getPrivate()).getBytes(StandardCharsets.US_ASCII));
		ECKey jwk = EcKeys.publicJwk((ECPublicKey) keyPair.getPublic());
		PrintWriter stdout = this.spec.commandLine().getOut();
		if (this.output.json()) {
			ObjectNode result = JsonOutput.object();
			result.put("private_key_file", this.out.toString());
			result.put("kid", jwk.getKeyID());
			result.set("public_jwk", JsonOutput.tree(jwk.toJSONObject()));
			stdout.println(JsonOutput.compact(result));
		}
		else {
			PrintWriter stderr = this.spec.commandLine().getErr();
			stderr.println("Wrote the EC P-256 private key (PKCS#8 PEM, rw-------) to " + this.out);
			stderr.println("Public JWK (kid = RFC 7638 thumbprint), for the registration's \"jwks\":");
			stderr.flush();
			stdout.println(JsonOutput.pretty(jwk.toJSONObject()));
		}
		stdout.flush();
		return ExitCodes.OK;
	}

}
