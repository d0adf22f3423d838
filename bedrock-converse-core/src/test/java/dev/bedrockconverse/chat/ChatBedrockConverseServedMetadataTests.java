package dev.bedrockconverse.chat;

import java.time.Duration;
import java.util.List;

import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation.LowCardinalityKeyNames;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.Prompt;

import dev.bedrockconverse.stub.StubAnswer;
import dev.bedrockconverse.stub.StubEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How Bedrock served the request (service tier, latency configuration, the model a prompt
 * router chose) in the response metadata, call and stream, and the chosen model as the
 * response's model and the observation's {@code gen_ai.response.model}.
 */
class ChatBedrockConverseServedMetadataTests extends StubModelFixture {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String ROUTER = "arn:aws:bedrock:us-east-1:123456789012:default-prompt-router/anthropic.claude:1";

	private static final String INVOKED = "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0";

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private static StubAnswer served(String serviceTier, String latency, String invokedModelId) {
		return StubAnswer.streamEvents(List.of(StubEvent.messageStart(), StubEvent.contentBlockDelta(0, "Routed"),
				StubEvent.contentBlockDelta(0, " answer"), StubEvent.contentBlockStop(0),
				StubEvent.messageStop("end_turn"), StubEvent.metadata(3, 2, 9, serviceTier, latency, invokedModelId)));
	}

	private ChatBedrockConverse routerModel() {
		return modelBuilder().observationRegistry(this.registry)
			.defaultOptions(BedrockConverseChatOptions.builder().model(ROUTER).build())
			.build();
	}

	private void assertServedByTheRouter(ChatResponseMetadata metadata) {
		assertThat(metadata.getModel()).isEqualTo(INVOKED);
		assertThat((String) metadata.get(BedrockConverseMetadata.PROMPT_ROUTER_INVOKED_MODEL_ID)).isEqualTo(INVOKED);
		assertThat((String) metadata.get(BedrockConverseMetadata.SERVICE_TIER)).isEqualTo("priority");
		assertThat((String) metadata.get(BedrockConverseMetadata.PERFORMANCE_CONFIG_LATENCY)).isEqualTo("optimized");
		assertThat(this.stub.lastRequest().modelId()).isEqualTo(ROUTER);
		TestObservationRegistryAssert.assertThat(this.registry)
			.hasObservationWithNameEqualTo(DefaultChatModelObservationConvention.DEFAULT_NAME)
			.that()
			.hasLowCardinalityKeyValue(LowCardinalityKeyNames.REQUEST_MODEL.asString(), ROUTER)
			.hasLowCardinalityKeyValue(LowCardinalityKeyNames.RESPONSE_MODEL.asString(), INVOKED);
	}

	@Test
	void callReportsHowBedrockServedTheRequestAndTheRoutedModel() {
		this.stub.enqueue(served("priority", "optimized", INVOKED));

		ChatResponse response = routerModel().call(new Prompt("Hello"));

		assertThat(response.getResult().getOutput().getText()).isEqualTo("Routed answer");
		assertServedByTheRouter(response.getMetadata());
	}

	@Test
	void streamReportsHowBedrockServedTheRequestOnItsLastResponse() {
		this.stub.enqueue(served("priority", "optimized", INVOKED));

		List<ChatResponse> responses = routerModel().stream(new Prompt("Hello")).collectList().block(TIMEOUT);

		ChatResponse last = responses.get(responses.size() - 1);
		assertThat(last.getResult().getMetadata().getFinishReason()).isEqualTo("END_TURN");
		assertServedByTheRouter(last.getMetadata());
		// The text deltas come before the metadata event: they name the requested model.
		assertThat(responses.get(0).getMetadata().getModel()).isEqualTo(ROUTER);
	}

	@Test
	void withoutTheseMembersTheKeysAreAbsentAndTheModelIsTheRequestedOne() {
		this.stub.enqueue(served(null, null, null));
		ChatResponseMetadata call = modelBuilder().build().call(new Prompt("Hello")).getMetadata();
		this.stub.enqueue(served(null, null, null));
		List<ChatResponse> stream = modelBuilder().build().stream(new Prompt("Hello")).collectList().block(TIMEOUT);
		ChatResponseMetadata streamed = stream.get(stream.size() - 1).getMetadata();

		for (ChatResponseMetadata metadata : List.of(call, streamed)) {
			assertThat(metadata.getModel()).isEqualTo(StubClients.MODEL);
			assertThat(metadata.keySet()).doesNotContain(BedrockConverseMetadata.SERVICE_TIER,
					BedrockConverseMetadata.PERFORMANCE_CONFIG_LATENCY,
					BedrockConverseMetadata.PROMPT_ROUTER_INVOKED_MODEL_ID);
		}
	}

	@Test
	void aServiceTierWithoutARouterKeepsTheRequestedModel() {
		this.stub.enqueue(served("flex", "standard", null));

		ChatResponseMetadata metadata = modelBuilder().build().call(new Prompt("Hello")).getMetadata();

		assertThat(metadata.getModel()).isEqualTo(StubClients.MODEL);
		assertThat((String) metadata.get(BedrockConverseMetadata.SERVICE_TIER)).isEqualTo("flex");
		assertThat((String) metadata.get(BedrockConverseMetadata.PERFORMANCE_CONFIG_LATENCY)).isEqualTo("standard");
	}

}
