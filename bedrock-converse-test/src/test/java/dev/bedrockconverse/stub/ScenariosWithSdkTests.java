package dev.bedrockconverse.stub;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

import dev.bedrockconverse.stub.junit.BedrockStubExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code [scenario:NAME ...]} directives through the real AWS SDK v2 clients. */
@ExtendWith(BedrockStubExtension.class)
class ScenariosWithSdkTests {

	private static ConverseResponse converse(BedrockStub stub, String text) {
		try (BedrockRuntimeClient client = SdkClients.apache(stub, SdkClients.testCredentials())) {
			return client.converse(SdkClients.request(text).build());
		}
	}

	@Test
	void reasoningAnswersSignedReasoningThenTheEchoWithoutTheDirective(BedrockStub stub) {
		ConverseResponse response = converse(stub, "[scenario:reasoning signature=s-1] Why?");

		ContentBlock reasoning = response.output().message().content().get(0);
		assertThat(reasoning.reasoningContent().reasoningText().text()).isEqualTo("Let me think this through.");
		assertThat(reasoning.reasoningContent().reasoningText().signature()).isEqualTo("s-1");
		assertThat(response.output().message().content().get(1).text()).isEqualTo("Echo: Why?");
	}

	@Test
	void reasoningIsStreamedAsReasoningDeltas(BedrockStub stub) {
		try (BedrockRuntimeAsyncClient client = SdkClients.netty(stub, Protocol.HTTP2, SdkClients.testCredentials())) {
			SdkClients.StreamResult result = SdkClients.stream(client,
					SdkClients.streamRequest("[scenario:reasoning] Why?").build());

			// Reasoning deltas carry no text: the text deltas are only the echo.
			assertThat(String.join("", result.deltas.stream().filter(java.util.Objects::nonNull).toList()))
				.isEqualTo("Echo: Why?");
			assertThat(result.stopReason).isEqualTo("end_turn");
		}
	}

	@Test
	void guardrailAnswersWithTheInterventionAndItsTrace(BedrockStub stub) {
		ConverseResponse response = converse(stub, "[scenario:guardrail reason=finance] Buy?");

		assertThat(response.stopReason()).isEqualTo(StopReason.GUARDRAIL_INTERVENED);
		assertThat(response.trace()
			.guardrail()
			.inputAssessment()
			.get("stub-guardrail")
			.topicPolicy()
			.topics()
			.get(0)
			.name()).isEqualTo("finance");
	}

	@Test
	void citationsAnswerCitationsContent(BedrockStub stub) {
		ConverseResponse response = converse(stub, "[scenario:citations title=Report] Revenue?");

		var citations = response.output().message().content().get(0).citationsContent();
		assertThat(citations.content().get(0).text()).isEqualTo("Echo: Revenue?");
		assertThat(citations.citations().get(0).title()).isEqualTo("Report");
		assertThat(citations.citations().get(0).location().documentChar().end()).isEqualTo(11);
	}

	@Test
	void cacheReportsTheGivenCacheUsage(BedrockStub stub) {
		ConverseResponse response = converse(stub, "[scenario:cache read=7 write=5] Hi");

		assertThat(response.usage().cacheReadInputTokens()).isEqualTo(7);
		assertThat(response.usage().cacheWriteInputTokens()).isEqualTo(5);
		assertThat(response.usage().cacheDetails().get(0).ttlAsString()).isEqualTo("5m");
	}

	@Test
	void stopAnswersTheGivenStopReason(BedrockStub stub) {
		ConverseResponse response = converse(stub, "[scenario:stop reason=content_filtered] Hi");

		assertThat(response.stopReason()).isEqualTo(StopReason.CONTENT_FILTERED);
		assertThat(response.output().message().content().get(0).text()).isEqualTo("Echo: Hi");
	}

	@Test
	void anUnknownScenarioIsAValidationError(BedrockStub stub) {
		assertThatThrownBy(() -> converse(stub, "[scenario:teleport] Hi")).isInstanceOf(ValidationException.class)
			.hasMessageContaining("Unknown stub scenario 'teleport'");
	}

}
