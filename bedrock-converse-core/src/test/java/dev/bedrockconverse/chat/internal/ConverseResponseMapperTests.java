package dev.bedrockconverse.chat.internal;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import software.amazon.awssdk.awscore.DefaultAwsResponseMetadata;
import software.amazon.awssdk.awscore.util.AwsHeader;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseOutput;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;

import static org.assertj.core.api.Assertions.assertThat;

class ConverseResponseMapperTests {

	private static ConverseResponse response(String stopReason, TokenUsage usage) {
		return (ConverseResponse) ConverseResponse.builder()
			.output(ConverseOutput.fromMessage(Message.builder()
				.role(ConversationRole.ASSISTANT)
				.content(ContentBlock.fromText("Hello "), ContentBlock.fromText("world"))
				.build()))
			.stopReason(stopReason)
			.usage(usage)
			.metrics((m) -> m.latencyMs(123L))
			.responseMetadata(DefaultAwsResponseMetadata.create(Map.of(AwsHeader.AWS_REQUEST_ID, "req-1")))
			.build();
	}

	private static final TokenUsage USAGE = TokenUsage.builder().inputTokens(5).outputTokens(2).totalTokens(7).build();

	@Test
	void textAndFinishReasonAreMapped() {
		ChatResponse chatResponse = ConverseResponseMapper.toChatResponse(response("end_turn", USAGE), "model-x",
				false);
		assertThat(chatResponse.getResults()).hasSize(1);
		assertThat(chatResponse.getResult().getOutput().getText()).isEqualTo("Hello world");
		assertThat(chatResponse.getResult().getMetadata().getFinishReason()).isEqualTo("END_TURN");
	}

	@Test
	void metadataCarriesRequestIdModelAndLatency() {
		ChatResponse chatResponse = ConverseResponseMapper.toChatResponse(response("end_turn", USAGE), "model-x",
				false);
		assertThat(chatResponse.getMetadata().getId()).isEqualTo("req-1");
		assertThat(chatResponse.getMetadata().getModel()).isEqualTo("model-x");
		assertThat((Long) chatResponse.getMetadata().get("latencyMs")).isEqualTo(123L);
	}

	@Test
	void usageIsMappedWithTheNativeUsage() {
		Usage usage = ConverseResponseMapper.toChatResponse(response("end_turn", USAGE), "m", false)
			.getMetadata()
			.getUsage();
		assertThat(usage.getPromptTokens()).isEqualTo(5);
		assertThat(usage.getCompletionTokens()).isEqualTo(2);
		assertThat(usage.getTotalTokens()).isEqualTo(7);
		assertThat(usage.getNativeUsage()).isSameAs(USAGE);
		assertThat(usage.getCacheReadInputTokens()).isNull();
		assertThat(usage.getCacheWriteInputTokens()).isNull();
	}

	@Test
	void cacheTokensAreMappedWhenPresent() {
		TokenUsage cached = USAGE.toBuilder().cacheReadInputTokens(3).cacheWriteInputTokens(4).build();
		Usage usage = ConverseResponseMapper.toChatResponse(response("end_turn", cached), "m", false)
			.getMetadata()
			.getUsage();
		assertThat(usage.getCacheReadInputTokens()).isEqualTo(3L);
		assertThat(usage.getCacheWriteInputTokens()).isEqualTo(4L);
	}

	@Test
	void anUnknownStopReasonIsKept() {
		ChatResponse chatResponse = ConverseResponseMapper.toChatResponse(response("brand_new_reason", USAGE), "m",
				false);
		assertThat(chatResponse.getResult().getMetadata().getFinishReason()).isEqualTo("BRAND_NEW_REASON");
	}

}
