package dev.bedrockconverse.chat.internal;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;

/**
 * Maps a Converse {@code stopReason} to a Spring AI finish reason: the Converse value in
 * upper case (e.g. {@code end_turn} becomes {@code END_TURN}), the style other Spring AI
 * models use.
 */
public final class FinishReasons {

	private FinishReasons() {
	}

	/**
	 * Map a stop reason.
	 * @param stopReason the SDK enum, possibly {@link StopReason#UNKNOWN_TO_SDK_VERSION}
	 * @param rawStopReason the wire value ({@code stopReasonAsString()}), used for stop
	 * reasons newer than this SDK so they are kept rather than lost
	 * @return the finish reason, or {@code null} if the response had none
	 */
	public static @Nullable String fromStopReason(@Nullable StopReason stopReason, @Nullable String rawStopReason) {
		if (stopReason == null) {
			return null;
		}
		return switch (stopReason) {
			case END_TURN -> "END_TURN";
			case TOOL_USE -> "TOOL_USE";
			case MAX_TOKENS -> "MAX_TOKENS";
			case STOP_SEQUENCE -> "STOP_SEQUENCE";
			case GUARDRAIL_INTERVENED -> "GUARDRAIL_INTERVENED";
			case CONTENT_FILTERED -> "CONTENT_FILTERED";
			case MALFORMED_MODEL_OUTPUT -> "MALFORMED_MODEL_OUTPUT";
			case MALFORMED_TOOL_USE -> "MALFORMED_TOOL_USE";
			case MODEL_CONTEXT_WINDOW_EXCEEDED -> "MODEL_CONTEXT_WINDOW_EXCEEDED";
			// A stop reason added to Bedrock after this SDK version: keep it, don't fail.
			case UNKNOWN_TO_SDK_VERSION -> (rawStopReason != null) ? rawStopReason.toUpperCase(Locale.ROOT) : "UNKNOWN";
		};
	}

}
