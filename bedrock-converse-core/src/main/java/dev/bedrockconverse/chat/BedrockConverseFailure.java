package dev.bedrockconverse.chat;

import java.io.Serializable;

import org.jspecify.annotations.Nullable;

/**
 * What {@link BedrockConverseTransientException} and
 * {@link BedrockConverseNonTransientException} tell about a failed Bedrock call. The two
 * classes extend Spring AI's {@code TransientAiException} and
 * {@code NonTransientAiException} respectively (so Spring AI's retry support classifies
 * them), which is why their shared details are an interface (over one {@link Details}
 * value) rather than a base class.
 */
public interface BedrockConverseFailure {

	/**
	 * The {@link #getErrorType() error type} of a failure to obtain AWS credentials (no
	 * source had any, or a credentials provider failed): nothing was sent to Bedrock, and
	 * the message names the credentials mode and the properties that fix it. Such
	 * failures are non-transient, a configuration error, except when the credentials
	 * service (STS) could not be reached or failed for now.
	 */
	String CREDENTIALS_UNAVAILABLE = "CredentialsUnavailable";

	/**
	 * What failed, as one value; the getters below read it.
	 * @return the details of the failure
	 */
	Details getDetails();

	/**
	 * The Bedrock error type with an upper-case first letter, e.g.
	 * {@code ThrottlingException}; mid-stream exception events (sent in camelCase, e.g.
	 * {@code throttlingException}) are reported under the same name. For failures without
	 * an answer from Bedrock (network, timeouts) the simple name of the SDK exception,
	 * e.g. {@code SdkClientException}.
	 * @return the error type
	 */
	default String getErrorType() {
		return getDetails().errorType();
	}

	/**
	 * The HTTP status of Bedrock's answer.
	 * @return the status, or 0 when no HTTP error status was received (network failure,
	 * timeout, or an exception event inside an HTTP 200 stream)
	 */
	default int getStatusCode() {
		return getDetails().statusCode();
	}

	/**
	 * The {@code x-amzn-RequestId} of the failed call, to quote to AWS support.
	 * @return the request id, or {@code null} when no answer was received
	 */
	default @Nullable String getRequestId() {
		return getDetails().requestId();
	}

	/**
	 * The model id (or inference profile id/ARN) the request was sent to.
	 * @return the model id
	 */
	default @Nullable String getModelId() {
		return getDetails().modelId();
	}

	/**
	 * The details of a failed Bedrock call, shared by both exception classes.
	 *
	 * @param errorType the error type, see {@link #getErrorType()}
	 * @param statusCode the HTTP status, or 0
	 * @param requestId the request id, or {@code null}
	 * @param modelId the model id, or {@code null}
	 */
	record Details(String errorType, int statusCode, @Nullable String requestId,
			@Nullable String modelId) implements Serializable {

	}

}
