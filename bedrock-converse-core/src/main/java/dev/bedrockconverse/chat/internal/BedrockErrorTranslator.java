package dev.bedrockconverse.chat.internal;

import java.io.IOException;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import dev.bedrockconverse.chat.BedrockConverseNonTransientException;
import dev.bedrockconverse.chat.BedrockConverseTransientException;

/**
 * Turns the AWS SDK's exceptions into {@link BedrockConverseTransientException} or
 * {@link BedrockConverseNonTransientException} with a message that says what to do. The
 * one place that classifies Bedrock errors, for calls and for streams alike (mid-stream
 * exception events arrive with camelCase types and are classified by the same names).
 */
public final class BedrockErrorTranslator {

	/**
	 * Errors that may pass when tried again later, per the Bedrock Runtime API reference.
	 */
	private static final Set<String> TRANSIENT = Set.of("ThrottlingException", "ModelNotReadyException",
			"ServiceUnavailableException", "ModelTimeoutException", "InternalServerException",
			"ModelStreamErrorException");

	/** Errors of the AWS front end that mean the credentials are wrong, not Bedrock. */
	private static final Set<String> CREDENTIALS = Set.of("UnrecognizedClientException", "InvalidSignatureException",
			"MissingAuthenticationTokenException", "IncompleteSignatureException", "ExpiredTokenException",
			"InvalidClientTokenId", "SignatureDoesNotMatch");

	private BedrockErrorTranslator() {
	}

	/**
	 * Translate a failure of a call or stream. Anything that is not an AWS SDK exception
	 * (our own validation, a stream cut short, ...) is returned unchanged.
	 * @param failure the failure
	 * @param modelId the model id the request was sent to
	 * @param fallbackRequestId the request id from the response headers, used when the
	 * exception has none (mid-stream exception events)
	 * @return the exception to throw
	 */
	public static Throwable translate(Throwable failure, @Nullable String modelId, @Nullable String fallbackRequestId) {
		if (failure instanceof AwsServiceException service) {
			return fromService(service, modelId, fallbackRequestId);
		}
		if (failure instanceof SdkException || failure instanceof IOException) {
			// No (complete) answer: the network, a timeout, or a stream broken on the
			// wire.
			String type = failure.getClass().getSimpleName();
			return new BedrockConverseTransientException(
					"No complete answer from Amazon Bedrock for model '" + modelId + "'"
							+ ((fallbackRequestId != null) ? ", request id " + fallbackRequestId : "") + " (" + type
							+ ": " + failure.getMessage()
							+ "). Check the network path to the endpoint; for long generations raise "
							+ "bedrock.converse.client.api-call-timeout / read-timeout or use stream().",
					type, 0, fallbackRequestId, modelId, failure);
		}
		return failure;
	}

	/**
	 * Translate a failure that the SDK delivered for a stream (through the call's future
	 * or the event subscription). Besides what {@link #translate} handles, the SDK's
	 * event stream decoder fails with plain runtime exceptions (e.g. a message checksum
	 * mismatch): on this path they mean a corrupt stream, not a caller's mistake, so they
	 * become transient too rather than look like bad input.
	 * @param failure the failure
	 * @param modelId the model id
	 * @param requestId the stream's request id
	 * @return the exception to signal
	 */
	public static Throwable translateStreamFailure(Throwable failure, @Nullable String modelId,
			@Nullable String requestId) {
		Throwable translated = translate(failure, modelId, requestId);
		if (translated != failure || !(failure instanceof RuntimeException)
				|| failure instanceof java.util.concurrent.CancellationException) {
			return translated;
		}
		String type = failure.getClass().getSimpleName();
		return new BedrockConverseTransientException(
				"The event stream from Amazon Bedrock for model '" + modelId + "'"
						+ ((requestId != null) ? ", request id " + requestId : "") + " could not be read (" + type
						+ ": " + failure.getMessage() + "); it was corrupted on the way. Send the request again.",
				type, 0, requestId, modelId, failure);
	}

	private static RuntimeException fromService(AwsServiceException ex, @Nullable String modelId,
			@Nullable String fallbackRequestId) {
		String type = ErrorTypes.ofService(ex);
		int status = (ex.statusCode() >= 400) ? ex.statusCode() : 0;
		String requestId = (ex.requestId() != null) ? ex.requestId() : fallbackRequestId;
		String bedrockMessage = (ex.awsErrorDetails() != null && ex.awsErrorDetails().errorMessage() != null)
				? ex.awsErrorDetails().errorMessage() : ex.getMessage();
		String message = "Amazon Bedrock answered " + type + ((status != 0) ? " (HTTP " + status + ")" : "")
				+ " for model '" + modelId + "'" + ((requestId != null) ? ", request id " + requestId : "") + ": "
				+ sentence(bedrockMessage) + " " + advice(type, status, modelId);
		boolean isTransient = TRANSIENT.contains(type)
				|| (!CREDENTIALS.contains(type) && (status == 429 || status >= 500));
		if (isTransient) {
			return new BedrockConverseTransientException(message, type, status, requestId, modelId, ex);
		}
		return new BedrockConverseNonTransientException(message, type, status, requestId, modelId, ex);
	}

	/**
	 * The text ending in exactly one full stop, so the advice reads as the next sentence.
	 */
	private static String sentence(@Nullable String text) {
		String trimmed = (text != null) ? text.strip() : "";
		return trimmed.endsWith(".") ? trimmed : trimmed + ".";
	}

	private static String advice(String type, int status, @Nullable String modelId) {
		return switch (type) {
			case "AccessDeniedException" -> "Enable access to this model in the Amazon Bedrock console (Model access) "
					+ "in this region, and allow the actions bedrock:InvokeModel and "
					+ "bedrock:InvokeModelWithResponseStream on it for the calling IAM identity.";
			case "ResourceNotFoundException" ->
				"Check the model id '" + modelId + "', that the model is offered in the "
						+ "configured region (bedrock.converse.region), and, for cross-region inference, the inference "
						+ "profile prefix (for example 'us.' or 'eu.' before the model id).";
			case "ValidationException" -> "Fix the request: the options (maxTokens within the model's limit, "
					+ "temperature, topP, stop sequences) or the messages are not accepted by this model.";
			case "ServiceQuotaExceededException" ->
				"Request a higher quota in Service Quotas, or lower the request " + "rate or maxTokens.";
			case "ModelErrorException" ->
				"The model could not process this input; change the prompt or try another " + "model.";
			case "ThrottlingException" -> "The AWS SDK retried as configured and was still throttled: lower the "
					+ "request rate, use bedrock.converse.retry.mode=adaptive or more "
					+ "bedrock.converse.retry.max-attempts, or request a higher quota.";
			case "ModelTimeoutException" ->
				"The model took too long; lower maxTokens or use stream() for long " + "generations.";
			case "ModelNotReadyException" -> "The model is being prepared; try again shortly.";
			case "ModelStreamErrorException" -> "The stream failed part-way; send the request again.";
			case "ServiceUnavailableException", "InternalServerException" -> "Try again later.";
			default -> CREDENTIALS.contains(type)
					? "Check the AWS credentials (bedrock.converse.credentials.*) " + "and the region they are used in."
					: ((status == 429 || status >= 500) ? "Try again later."
							: "Check the request and the configuration.");
		};
	}

}
