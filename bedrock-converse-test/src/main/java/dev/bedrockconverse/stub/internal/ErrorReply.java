package dev.bedrockconverse.stub.internal;

/**
 * An error the stub answers with, in the shape AWS restJson1 services use: an HTTP
 * status, an {@code x-amzn-ErrorType} header of the form {@code Type:namespace-uri} (SDKs
 * keep the part before the colon as the error code) and a JSON body
 * {@code {"message":"..."}}.
 *
 * @param status the HTTP status
 * @param type the short error type, e.g. {@code ValidationException}
 * @param message the human-readable message
 * @param namespace the Coral namespace URI AWS appends to the type; Bedrock's own errors
 * and the AWS front door's authentication errors use different ones
 */
public record ErrorReply(int status, String type, String message, String namespace) {

	/** Namespace of errors raised by Bedrock itself (validation, throttling, ...). */
	public static final String BEDROCK_NAMESPACE = "http://internal.amazon.com/coral/com.amazon.bedrock/";

	/**
	 * Namespace of errors raised by the AWS request front end (authentication, unknown
	 * operation).
	 */
	public static final String CORAL_NAMESPACE = "http://internal.amazon.com/coral/com.amazon.coral.service/";

	/**
	 * A Bedrock service error.
	 * @param status the HTTP status
	 * @param type short error type
	 * @param message message
	 * @return the error
	 */
	public static ErrorReply bedrock(int status, String type, String message) {
		return new ErrorReply(status, type, message, BEDROCK_NAMESPACE);
	}

	/**
	 * A front-end (Coral) error.
	 * @param status the HTTP status
	 * @param type short error type
	 * @param message message
	 * @return the error
	 */
	public static ErrorReply coral(int status, String type, String message) {
		return new ErrorReply(status, type, message, CORAL_NAMESPACE);
	}

	/**
	 * A 400 {@code ValidationException}.
	 * @param message message
	 * @return the error
	 */
	public static ErrorReply validation(String message) {
		return bedrock(400, "ValidationException", message);
	}

	/**
	 * The value of the {@code x-amzn-ErrorType} header.
	 * @return {@code type:namespace}
	 */
	public String errorTypeHeader() {
		return this.type + ":" + this.namespace;
	}

}
