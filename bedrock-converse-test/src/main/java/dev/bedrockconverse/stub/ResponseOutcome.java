package dev.bedrockconverse.stub;

/**
 * How the stub's answer to one request ended, recorded when the response is finished (or
 * abandoned), so tests can check that a client really cancelled a stream rather than
 * reading it to the end.
 *
 * @param requestId the {@code x-amzn-RequestId} the stub sent
 * @param operation {@code "Converse"}, {@code "ConverseStream"} or
 * {@code "UnknownOperation"}
 * @param status the HTTP status sent
 * @param ending how the response ended
 * @param eventsWritten how many stream events were written completely before it ended (0
 * for non-stream answers)
 */
public record ResponseOutcome(String requestId, String operation, int status, Ending ending, int eventsWritten) {

	/** How a response ended. */
	public enum Ending {

		/** Every byte was written and the response completed. */
		COMPLETED,
		/**
		 * The client went away first: it reset the HTTP/2 stream or closed the
		 * connection.
		 */
		CLIENT_GONE,
		/**
		 * The stub ended it on purpose with an injected fault (truncated frame,
		 * connection reset).
		 */
		FAULT_INJECTED

	}

}
