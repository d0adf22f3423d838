package dev.bedrockconverse.stub;

/**
 * What the stub concluded about the authentication of one request.
 *
 * <p>
 * Each failing outcome maps to the error AWS itself returns for it, so clients see the
 * same exception types as against the real service.
 */
public enum SignatureResult {

	/**
	 * A SigV4 {@code Authorization} header whose signature the stub recomputed and
	 * matched.
	 */
	VALID,

	/**
	 * No {@code Authorization} header at all: 403
	 * {@code MissingAuthenticationTokenException}.
	 */
	MISSING,

	/**
	 * An {@code Authorization} header that is not a parseable SigV4 or Bearer value, or
	 * lacks {@code X-Amz-Date}: 400 {@code IncompleteSignatureException}.
	 */
	MALFORMED,

	/**
	 * A SigV4 signature made with an access key id the stub does not know: 403
	 * {@code UnrecognizedClientException}.
	 */
	UNKNOWN_ACCESS_KEY,

	/**
	 * A session token was configured and the request carried a different one, or none:
	 * 403 {@code UnrecognizedClientException}, as AWS answers for an invalid security
	 * token.
	 */
	INVALID_SESSION_TOKEN,

	/**
	 * A SigV4 signature that does not match the one the stub computed: 403
	 * {@code InvalidSignatureException}.
	 */
	INVALID,

	/**
	 * A SigV4 signature dated more than five minutes away from the stub's clock (or whose
	 * credential scope date is not the date of {@code X-Amz-Date}): 403
	 * {@code InvalidSignatureException} with AWS's "Signature expired" or "Signature not
	 * yet current" message.
	 */
	EXPIRED,

	/**
	 * Signature enforcement is off: the request was accepted without looking at its
	 * credentials.
	 */
	NOT_CHECKED,

	/** An {@code Authorization: Bearer} Bedrock API key equal to the configured one. */
	BEARER_VALID,

	/**
	 * An {@code Authorization: Bearer} key when none is configured, or a different one:
	 * 403.
	 */
	BEARER_INVALID;

	/**
	 * Whether a request with this result is served.
	 * @return true for {@link #VALID}, {@link #NOT_CHECKED} and {@link #BEARER_VALID}
	 */
	public boolean accepted() {
		return this == VALID || this == NOT_CHECKED || this == BEARER_VALID;
	}

}
