package dev.bedrockconverse.chat.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;

import static org.assertj.core.api.Assertions.assertThat;

class FinishReasonsTests {

	@ParameterizedTest
	@CsvSource({ "end_turn, END_TURN", "tool_use, TOOL_USE", "max_tokens, MAX_TOKENS", "stop_sequence, STOP_SEQUENCE",
			"guardrail_intervened, GUARDRAIL_INTERVENED", "content_filtered, CONTENT_FILTERED",
			"malformed_model_output, MALFORMED_MODEL_OUTPUT", "malformed_tool_use, MALFORMED_TOOL_USE",
			"model_context_window_exceeded, MODEL_CONTEXT_WINDOW_EXCEEDED" })
	void everyKnownStopReasonIsMapped(String wire, String expected) {
		StopReason reason = StopReason.fromValue(wire);
		assertThat(reason).isNotEqualTo(StopReason.UNKNOWN_TO_SDK_VERSION);
		assertThat(FinishReasons.fromStopReason(reason, wire)).isEqualTo(expected);
	}

	@Test
	void theTestCoversEveryStopReasonOfThisSdk() {
		// If a new SDK adds a stop reason, this fails and the mapping gets reviewed.
		assertThat(StopReason.knownValues()).hasSize(9);
	}

	@Test
	void aStopReasonUnknownToTheSdkIsKeptInUpperCase() {
		StopReason reason = StopReason.fromValue("some_future_reason");
		assertThat(reason).isEqualTo(StopReason.UNKNOWN_TO_SDK_VERSION);
		assertThat(FinishReasons.fromStopReason(reason, "some_future_reason")).isEqualTo("SOME_FUTURE_REASON");
	}

	@Test
	void noStopReasonMeansNoFinishReason() {
		assertThat(FinishReasons.fromStopReason(null, null)).isNull();
	}

}
