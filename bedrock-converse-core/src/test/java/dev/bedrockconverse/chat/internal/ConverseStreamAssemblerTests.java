package dev.bedrockconverse.chat.internal;

import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.EmptyUsage;
import org.springframework.ai.chat.model.ChatResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDelta;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ConverseStreamAssemblerTests {

	private final ConverseStreamAssembler assembler = new ConverseStreamAssembler("model-x", "req-9", false, true);

	private static ConverseStreamOutput delta(String text) {
		return ConverseStreamOutput.contentBlockDeltaBuilder()
			.contentBlockIndex(0)
			.delta(ContentBlockDelta.fromText(text))
			.build();
	}

	private static ConverseStreamOutput messageStop(String reason) {
		return ConverseStreamOutput.messageStopBuilder().stopReason(reason).build();
	}

	private static ConverseStreamOutput metadata() {
		return ConverseStreamOutput.metadataBuilder()
			.usage((u) -> u.inputTokens(3).outputTokens(2).totalTokens(5))
			.metrics((m) -> m.latencyMs(17L))
			.build();
	}

	@Test
	void aTextDeltaBecomesAResponseWithThatText() {
		ChatResponse response = this.assembler.onEvent(delta("Hel"));
		assertThat(response.getResult().getOutput().getText()).isEqualTo("Hel");
		assertThat(response.getMetadata().getId()).isEqualTo("req-9");
		assertThat(response.getMetadata().getModel()).isEqualTo("model-x");
	}

	@Test
	void everyTextDeltaHasTheMetadataTheResponseMapperBuildsForIt() {
		for (String text : new String[] { "Hel", "lo" }) {
			ChatResponse response = this.assembler.onEvent(delta(text));
			ChatResponse expected = ConverseResponseMapper.response("model-x", "req-9")
				.message(new AssistantMessage(text))
				.build();
			assertThat(response.getResult().getOutput().getText()).isEqualTo(text);
			assertThat(response.getResult().getMetadata()).isEqualTo(expected.getResult().getMetadata());
			// Field by field: EmptyUsage and EmptyRateLimit compare by identity.
			assertThat(response.getMetadata()).usingRecursiveComparison().isEqualTo(expected.getMetadata());
			assertThat(response.getMetadata().getUsage()).isInstanceOf(EmptyUsage.class);
		}
	}

	@Test
	void anAssemblerThatDoesNotAggregateStillEmitsEveryResponseButHasNoAggregate() {
		ConverseStreamAssembler notAggregating = new ConverseStreamAssembler("model-x", "req-9", false, false);
		assertThat(notAggregating.onEvent(delta("a")).getResult().getOutput().getText()).isEqualTo("a");
		notAggregating.onEvent(messageStop("end_turn"));
		notAggregating.onEvent(metadata());
		assertThat(notAggregating.complete().getResult().getMetadata().getFinishReason()).isEqualTo("END_TURN");
		assertThatIllegalStateException().isThrownBy(notAggregating::aggregate);
	}

	@Test
	void markerEventsProduceNothing() {
		assertThat(this.assembler.onEvent(ConverseStreamOutput.messageStartBuilder().role("assistant").build()))
			.isNull();
		assertThat(this.assembler.onEvent(ConverseStreamOutput.contentBlockStopBuilder().contentBlockIndex(0).build()))
			.isNull();
		assertThat(this.assembler.onEvent(messageStop("end_turn"))).isNull();
		assertThat(this.assembler.onEvent(metadata())).isNull();
	}

	@Test
	void theLastResponseCarriesFinishReasonUsageAndLatency() {
		this.assembler.onEvent(delta("a"));
		this.assembler.onEvent(messageStop("max_tokens"));
		this.assembler.onEvent(metadata());
		ChatResponse last = this.assembler.complete();
		assertThat(last.getResult().getOutput().getText()).isEmpty();
		assertThat(last.getResult().getMetadata().getFinishReason()).isEqualTo("MAX_TOKENS");
		assertThat(last.getMetadata().getUsage().getTotalTokens()).isEqualTo(5);
		assertThat((Long) last.getMetadata().get("latencyMs")).isEqualTo(17L);
	}

	@Test
	void theAggregateHasTheWholeText() {
		this.assembler.onEvent(delta("a"));
		this.assembler.onEvent(delta("b"));
		this.assembler.onEvent(messageStop("end_turn"));
		this.assembler.onEvent(metadata());
		assertThat(this.assembler.aggregate().getResult().getOutput().getText()).isEqualTo("ab");
	}

	@Test
	void aStreamWithoutMessageStopIsAnError() {
		this.assembler.onEvent(delta("a"));
		this.assembler.onEvent(metadata());
		assertThatIllegalStateException().isThrownBy(this.assembler::complete).withMessageContaining("messageStop");
	}

	@Test
	void aStreamWithoutMetadataIsAnError() {
		this.assembler.onEvent(delta("a"));
		this.assembler.onEvent(messageStop("end_turn"));
		assertThatIllegalStateException().isThrownBy(this.assembler::complete).withMessageContaining("metadata");
	}

}
