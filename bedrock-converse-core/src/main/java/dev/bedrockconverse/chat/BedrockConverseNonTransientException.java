package dev.bedrockconverse.chat;

import org.jspecify.annotations.Nullable;
import org.springframework.ai.retry.NonTransientAiException;

/**
 * A Bedrock call failed in a way that trying again unchanged will not fix: an invalid
 * request, access denied, an unknown model, an exceeded service quota, an error of the
 * model itself, or rejected credentials. The message says what to change.
 */
public class BedrockConverseNonTransientException extends NonTransientAiException implements BedrockConverseFailure {

	private final Details details;

	/**
	 * Create an exception for a failure that trying again unchanged will not fix.
	 * @param message what happened and what to do
	 * @param details the error type, status, request id and model id
	 * @param cause the SDK exception
	 */
	public BedrockConverseNonTransientException(String message, Details details, @Nullable Throwable cause) {
		super(message, cause);
		this.details = details;
	}

	@Override
	public Details getDetails() {
		return this.details;
	}

}
