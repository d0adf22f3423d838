package dev.bedrockconverse.chat;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailStreamProcessingMode;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailTrace;

/**
 * A Bedrock guardrail to apply: Converse's {@code guardrailConfig} (and, for
 * ConverseStream, the same fields plus {@code streamProcessingMode}).
 *
 * @param identifier the guardrail's identifier or ARN
 * @param version the guardrail's version, e.g. {@code 1} or {@code DRAFT}
 * @param trace whether Bedrock returns the guardrail trace, or {@code null} for Bedrock's
 * default (disabled)
 * @param streamProcessingMode for streams: {@code sync} or {@code async}, or {@code null}
 * for Bedrock's default (sync); ignored by Converse, which has no such field
 */
public record BedrockConverseGuardrail(String identifier, String version, @Nullable GuardrailTrace trace,
		@Nullable GuardrailStreamProcessingMode streamProcessingMode) {

	/**
	 * Validate the fields.
	 * @param identifier the identifier
	 * @param version the version
	 * @param trace the trace setting
	 * @param streamProcessingMode the stream processing mode
	 */
	public BedrockConverseGuardrail {
		if (identifier == null || identifier.isBlank()) {
			throw new IllegalArgumentException("guardrail.identifier must be set to the guardrail's id or ARN");
		}
		if (version == null || version.isBlank()) {
			throw new IllegalArgumentException(
					"guardrail.version must be set (e.g. '1' or 'DRAFT') for guardrail '" + identifier + "'");
		}
		if (trace == GuardrailTrace.UNKNOWN_TO_SDK_VERSION) {
			throw new IllegalArgumentException("guardrail.trace must be enabled, disabled or enabled_full");
		}
		if (streamProcessingMode == GuardrailStreamProcessingMode.UNKNOWN_TO_SDK_VERSION) {
			throw new IllegalArgumentException("guardrail.streamProcessingMode must be sync or async");
		}
	}

	/**
	 * A guardrail with Bedrock's defaults for trace and stream processing.
	 * @param identifier the identifier or ARN
	 * @param version the version
	 * @return the guardrail
	 */
	public static BedrockConverseGuardrail of(String identifier, String version) {
		return new BedrockConverseGuardrail(identifier, version, null, null);
	}

}
