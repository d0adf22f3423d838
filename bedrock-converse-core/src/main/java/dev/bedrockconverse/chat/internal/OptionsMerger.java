package dev.bedrockconverse.chat.internal;

import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.prompt.ChatOptions;

import dev.bedrockconverse.chat.BedrockConverseChatOptions;

/**
 * Merges a prompt's options with the model's default options (the options' builder
 * rejects options that Converse cannot honour).
 * <p>
 * The rule is deliberately simple: every field comes from the prompt's options if set
 * there, otherwise from the defaults (tool context entries are merged, the prompt's
 * winning). Nothing else is merged in, so a field the user did not set stays unset and
 * Bedrock applies its own default.
 */
public final class OptionsMerger {

	private OptionsMerger() {
	}

	/**
	 * Merge prompt options over defaults.
	 * @param promptOptions the prompt's options, of any {@link ChatOptions} type, or
	 * {@code null}
	 * @param defaults the model's defaults
	 * @return the options to send
	 * @throws IllegalArgumentException if the prompt sets topK, frequencyPenalty or
	 * presencePenalty
	 */
	public static BedrockConverseChatOptions merge(@Nullable ChatOptions promptOptions,
			BedrockConverseChatOptions defaults) {
		if (promptOptions == null) {
			return defaults;
		}
		// The builder's combineWith knows every field, including tools, the output schema
		// and the Bedrock-specific ones, and its setters reject the options Converse
		// cannot honour, so the merge rule and those checks live in one place.
		return defaults.mutate().combineWith(promptOptions.mutate()).build();
	}

}
