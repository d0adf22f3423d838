package dev.bedrockconverse.chat.internal;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import dev.bedrockconverse.chat.BedrockConverseFailure;

/**
 * Names the type of a failed call in a few, stable words, for a low-cardinality meter
 * tag: Bedrock's error code where Bedrock answered with an error, otherwise the
 * exception's class.
 */
public final class ErrorTypes {

	/**
	 * How far down the cause chain to look for Bedrock's answer; guards against cycles.
	 */
	private static final int MAX_DEPTH = 8;

	private ErrorTypes() {
	}

	/**
	 * The type of an error.
	 * @param error the error, possibly wrapping the SDK's exception
	 * @return the Bedrock error code (such as {@code ThrottlingException}) of the first
	 * {@link AwsServiceException} in the cause chain, else the simple class name of the
	 * error once unwrapped from completion and execution exceptions
	 */
	public static String of(Throwable error) {
		if (error instanceof BedrockConverseFailure failure) {
			// Already classified where it was thrown, including failures with no Bedrock
			// answer (StreamTimeout).
			return failure.getErrorType();
		}
		Throwable current = error;
		for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
			String code = errorCode(current);
			if (code != null) {
				return code;
			}
			current = (current.getCause() != current) ? current.getCause() : null;
		}
		Class<?> type = ConverseStreamFlux.unwrap(error).getClass();
		return type.getSimpleName().isEmpty() ? type.getName() : type.getSimpleName();
	}

	private static @Nullable String errorCode(Throwable error) {
		return (error instanceof AwsServiceException service) ? ofService(service) : null;
	}

	/**
	 * Bedrock's error type of a service exception, spelled one way for HTTP errors and
	 * for exception events inside a stream.
	 * @param service the SDK's exception
	 * @return the error code with an upper-case first letter, such as
	 * {@code ThrottlingException}, or the exception's simple class name when it carries
	 * no code
	 */
	public static String ofService(AwsServiceException service) {
		AwsErrorDetails details = service.awsErrorDetails();
		if (details != null && details.errorCode() != null && !details.errorCode().isBlank()) {
			// Exceptions inside an event stream name their member
			// ("throttlingException"), HTTP
			// errors their shape ("ThrottlingException"): one spelling for both.
			String code = details.errorCode().strip();
			return Character.toUpperCase(code.charAt(0)) + code.substring(1);
		}
		// A modelled exception without an error code (some event-stream exceptions): its
		// class says it.
		return service.getClass().getSimpleName();
	}

}
