package dev.bedrockconverse.chat.observation;

import java.util.List;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.observation.ObservabilityHelper;
import org.springframework.util.StringUtils;

import dev.bedrockconverse.chat.ChatBedrockConverse;

/**
 * Adds the prompt ({@value #PROMPT}) or the completion ({@value #COMPLETION}) text of a
 * {@link ChatBedrockConverse} observation as a high-cardinality key value, which tracing
 * exports as a span attribute and which meters never see. Only registered when
 * {@code bedrock.converse.observations.include-prompt} or {@code include-completion} is
 * turned on.
 * <p>
 * It is an {@link ObservationFilter} rather than a handler because filters run when the
 * observation stops, before any handler, so the tracing handler finds the text on the
 * context whatever the order of the handlers.
 */
public class BedrockConverseContentObservationFilter implements ObservationFilter {

	/** Key of the prompt text. */
	public static final String PROMPT = "gen_ai.prompt";

	/** Key of the completion text. */
	public static final String COMPLETION = "gen_ai.completion";

	/** Which text the filter adds. */
	public enum Content {

		/** The text of the prompt's messages. */
		PROMPT,

		/** The text of the reply (the whole reply, for a stream). */
		COMPLETION

	}

	private final Content content;

	/**
	 * Create a filter.
	 * @param content which text to add
	 */
	public BedrockConverseContentObservationFilter(Content content) {
		this.content = content;
	}

	@Override
	public Observation.Context map(Observation.Context context) {
		if (!(context instanceof ChatModelObservationContext chatContext)
				|| BedrockConverseObservationDetails.of(context) == null) {
			return context;
		}
		if (this.content == Content.PROMPT) {
			List<String> texts = chatContext.getRequest()
				.getInstructions()
				.stream()
				.map(Message::getText)
				.filter(StringUtils::hasText)
				.toList();
			if (!texts.isEmpty()) {
				chatContext
					.addHighCardinalityKeyValue(KeyValue.of(PROMPT, ObservabilityHelper.concatenateStrings(texts)));
			}
		}
		else {
			ChatResponse response = chatContext.getResponse();
			if (response != null) {
				List<String> texts = response.getResults()
					.stream()
					.map((generation) -> generation.getOutput().getText())
					.filter(StringUtils::hasText)
					.toList();
				if (!texts.isEmpty()) {
					chatContext.addHighCardinalityKeyValue(
							KeyValue.of(COMPLETION, ObservabilityHelper.concatenateStrings(texts)));
				}
			}
		}
		return context;
	}

}
