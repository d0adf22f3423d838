package dev.bedrockconverse.chat.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.observation.ChatModelMeterObservationHandler;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.observation.conventions.AiObservationMetricAttributes;
import org.springframework.ai.observation.conventions.AiObservationMetricNames;
import org.springframework.ai.observation.conventions.AiTokenType;

/**
 * Spring AI's {@link ChatModelMeterObservationHandler} (the
 * {@code gen_ai.client.token.usage} counter, one per {@code gen_ai.token.type}
 * {@code input}, {@code output} and {@code total}, tagged with the observation's
 * low-cardinality key values, counting the response's usage), with the counters kept by
 * their tags: Spring AI's handler builds and registers each counter again on every call
 * (a tag list, a sorted {@code Tags}, a {@code Meter.Id} and the registry's meter
 * filters, three times per call). The meters are the same, registered the same way the
 * first time their tags are seen; only that repeated work is gone. It is a
 * {@link ChatModelMeterObservationHandler}, so it takes that handler's place wherever one
 * is expected, and handles every chat model's observation as Spring AI's does.
 */
public class BedrockConverseTokenUsageObservationHandler extends ChatModelMeterObservationHandler {

	/** The description Spring AI registers the counter with. */
	private static final String DESCRIPTION = "Measures number of input and output tokens used";

	private final MeterRegistry meterRegistry;

	private final MeterCache counters = new MeterCache();

	/**
	 * Create the handler.
	 * @param meterRegistry where the counters are registered
	 */
	public BedrockConverseTokenUsageObservationHandler(MeterRegistry meterRegistry) {
		super(meterRegistry);
		this.meterRegistry = meterRegistry;
	}

	@Override
	public void onStop(ChatModelObservationContext context) {
		ChatResponse response = context.getResponse();
		if (response == null || response.getMetadata() == null || response.getMetadata().getUsage() == null) {
			return;
		}
		Usage usage = response.getMetadata().getUsage();
		KeyValues tags = context.getLowCardinalityKeyValues();
		count(AiTokenType.INPUT, tags, usage.getPromptTokens());
		count(AiTokenType.OUTPUT, tags, usage.getCompletionTokens());
		count(AiTokenType.TOTAL, tags, usage.getTotalTokens());
	}

	private void count(AiTokenType type, KeyValues tags, @Nullable Integer tokens) {
		if (tokens == null) {
			return;
		}
		this.counters.counter(new Key(type, tags), () -> register(type, tags)).increment(tokens);
	}

	/**
	 * Register the counter as Spring AI's handler does: the token type, then the
	 * observation's key values as tags.
	 * @param type the token type
	 * @param tags the observation's low-cardinality key values
	 * @return the counter
	 */
	private Counter register(AiTokenType type, KeyValues tags) {
		Counter.Builder builder = Counter.builder(AiObservationMetricNames.TOKEN_USAGE.value())
			.tag(AiObservationMetricAttributes.TOKEN_TYPE.value(), type.value())
			.description(DESCRIPTION);
		for (KeyValue keyValue : tags) {
			builder.tag(keyValue.getKey(), keyValue.getValue());
		}
		return builder.register(this.meterRegistry);
	}

	/**
	 * A counter's token type and the observation's tags ({@link KeyValues} compares and
	 * hashes its sorted key values).
	 *
	 * @param type the token type
	 * @param tags the low-cardinality key values
	 */
	private record Key(AiTokenType type, KeyValues tags) {
	}

}
