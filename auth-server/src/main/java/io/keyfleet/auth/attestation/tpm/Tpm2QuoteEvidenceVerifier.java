package io.keyfleet.auth.attestation.tpm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.keyfleet.auth.attestation.AttestationException;
import io.keyfleet.auth.attestation.AttestationException.Reason;
import io.keyfleet.auth.attestation.DeviceAttestation;
import io.keyfleet.auth.attestation.EvidenceClaims;
import io.keyfleet.auth.attestation.EvidenceVerifier;
import io.keyfleet.auth.attestation.NonceCheck;
import io.keyfleet.auth.attestation.VerifiedEvidence;
import io.keyfleet.auth.keys.Pem;

/**
 * {@code tpm2-quote}: a TPM 2.0 quote (TPMS_ATTEST + TPMT_SIGNATURE, as {@code tpm2_quote}
 * writes them) with the PCR values it covers. Checks, in this order: the signature over
 * the raw attestation bytes under the registered attestation key (ECDSA P-256 or
 * RSASSA-2048, SHA-256) — before any of those bytes is parsed —, the magic
 * TPM_GENERATED_VALUE, the type TPM_ST_ATTEST_QUOTE, extraData = an issued challenge, and
 * pcrDigest = SHA-256 of the sent PCR values in selection order. The PCR values themselves
 * are appraised against the model's policy.
 *
 * <p>
 * The TPM structures are parsed here ({@link TpmsAttest}, {@link TpmtSignature}) rather
 * than with a TSS library: only a quote's few fixed fields are needed, the Java TSS
 * libraries on Maven Central (e.g. tss.java) are unmaintained, and a strict hand-written
 * reader refuses every size field that runs past the end.
 *
 * @see <a href="https://trustedcomputinggroup.org/resource/tpm-library-specification/">TPM 2.0 Library, Part 3 §18.4 TPM2_Quote</a>
 */
public final class Tpm2QuoteEvidenceVerifier implements EvidenceVerifier {

	public static final String FORMAT = "tpm2-quote";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern PCR_VALUE = Pattern.compile("[0-9a-f]{64}");

	@Override
	public String format() {
		return FORMAT;
	}

	@Override
	public VerifiedEvidence verify(String evidence, DeviceAttestation device, NonceCheck nonces) {
		if (device.tpmAk() == null) {
			throw new AttestationException(Reason.NOT_REGISTERED, "tpm2-quote: the device has no registered tpm_ak");
		}
		Parts parts = parse(evidence);
		TpmtSignature signature = TpmtSignature.parse(parts.signature());
		if (!signature.verifies(parts.quote(), attestationKey(device))) {
			throw new AttestationException(Reason.SIGNATURE_INVALID,
					"tpm2-quote: the signature does not verify under the registered attestation key");
		}
		TpmsAttest attest = TpmsAttest.parseQuote(parts.quote());
		if (!nonces.accept(Base64.getUrlEncoder().withoutPadding().encodeToString(attest.extraData()))) {
			throw new AttestationException(Reason.NONCE_UNKNOWN, "tpm2-quote: extraData is not an issued challenge");
		}
		Map<Integer, String> quoted = new LinkedHashMap<>();
		MessageDigest digest = sha256();
		for (TpmsAttest.PcrRef pcr : attest.pcrSelection()) {
			String value = (pcr.hashAlgorithm() == TpmsAttest.TPM_ALG_SHA256) ? parts.pcrs().get(pcr.index()) : null;
			if (value == null) {
				throw new AttestationException(Reason.PCR_DIGEST_MISMATCH,
						"tpm2-quote: no sha256 value sent for quoted PCR " + pcr.index());
			}
			digest.update(HexFormat.of().parseHex(value));
			quoted.put(pcr.index(), value);
		}
		if (!MessageDigest.isEqual(digest.digest(), attest.pcrDigest())) {
			throw new AttestationException(Reason.PCR_DIGEST_MISMATCH,
					"tpm2-quote: the PCR values sent do not hash to the quoted pcrDigest");
		}
		return new VerifiedEvidence(FORMAT, EvidenceClaims.ofPcrs(quoted));
	}

	private static Parts parse(String evidence) {
		try {
			JsonNode json = JSON.readTree(new String(Base64.getUrlDecoder().decode(evidence), StandardCharsets.UTF_8));
			byte[] quote = Base64.getDecoder().decode(json.required("quote").asString());
			byte[] signature = Base64.getDecoder().decode(json.required("signature").asString());
			Map<Integer, String> pcrs = new LinkedHashMap<>();
			JsonNode bank = json.path("pcrs").path("sha256");
			for (Map.Entry<String, JsonNode> entry : bank.properties()) {
				String value = entry.getValue().asString().toLowerCase(java.util.Locale.ROOT);
				int index = Integer.parseInt(entry.getKey());
				if (index < 0 || index > 23 || !PCR_VALUE.matcher(value).matches()) {
					throw new IllegalArgumentException("bad PCR " + entry.getKey());
				}
				pcrs.put(index, value);
			}
			return new Parts(quote, signature, pcrs);
		}
		catch (JacksonException | IllegalArgumentException | NullPointerException ex) {
			throw new AttestationException(Reason.MALFORMED,
					"tpm2-quote: evidence must be base64url JSON {quote, signature, pcrs}");
		}
	}

	private static PublicKey attestationKey(DeviceAttestation device) {
		try {
			return Pem.readPublicKey(device.tpmAk());
		}
		catch (IllegalArgumentException ex) {
			throw new AttestationException(Reason.NOT_REGISTERED, "tpm2-quote: the registered tpm_ak is unreadable");
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Parts(byte[] quote, byte[] signature, Map<Integer, String> pcrs) {
	}

}
