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

	private final Details details;

	/**
	 * Create an exception for a failure that may pass when tried again.
	 * @param message what happened and what to do
	 * @param details the error type, status, request id and model id
	 * @param cause the SDK exception
	 */
	public BedrockConverseTransientException(String message, Details details, @Nullable Throwable cause) {
		super(message, cause);
		this.details = details;
	}

	@Override
	public Details getDetails() {
		return this.details;
	}

}
