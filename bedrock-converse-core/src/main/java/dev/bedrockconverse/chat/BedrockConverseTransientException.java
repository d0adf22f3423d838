package dev.bedrockconverse.chat;

import org.jspecify.annotations.Nullable;
import org.springframework.ai.retry.TransientAiException;

/**
 * A Bedrock call failed in a way that may succeed when tried again later: throttling, a
 * model that is not ready, service unavailable, model timeout, an internal error, a
 * stream error, or no answer at all (network failure, timeout). The AWS SDK has already
 * retried as configured ({@code bedrock.converse.retry.*}) before this is thrown.
 */
public class BedrockConverseTransientException extends TransientAiException implements BedrockConverseFailure {

	private final String errorType;

	private final int statusCode;

	private final @Nullable String requestId;

	private final @Nullable String modelId;

	/**
	 * Create an exception.
	 * @param message what happened and what to do
	 * @param errorType the error type
	 * @param statusCode the HTTP status, or 0
	 * @param requestId the request id, or {@code null}
	 * @param modelId the model id, or {@code null}
	 * @param cause the SDK exception
	 */
	public BedrockConverseTransientException(String message, String errorType, int statusCode,
			@Nullable String requestId, @Nullable String modelId, @Nullable Throwable cause) {
		super(message, cause);
		this.errorType = errorType;
		this.statusCode = statusCode;
		this.requestId = requestId;
		this.modelId = modelId;
	}

	@Override
	public String getErrorType() {
		return this.errorType;
	}

	@Override
	public int getStatusCode() {
		return this.statusCode;
	}

	@Override
	public @Nullable String getRequestId() {
		return this.requestId;
	}

	@Override
	public @Nullable String getModelId() {
		return this.modelId;
	}

}
