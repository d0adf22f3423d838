package dev.bedrockconverse.chat;

import org.jspecify.annotations.Nullable;

/**
 * What a model family accepts, where families differ: used only to fail with a clear
 * error before a request is sent that the model would reject. A quirk never turns a
 * feature off silently, and a model whose family is not known is never refused.
 * <p>
 * Each component is {@code true} (accepted), {@code false} (refused before sending) or
 * {@code null} (the family's default from the table of known families; accepted for a
 * family not in the table). Overrides are given per family with
 * {@link BedrockConverseChatOptions.Builder#modelQuirks(java.util.Map)} (properties
 * {@code bedrock.converse.options.model-quirks.<family>.*}).
 *
 * @param toolChoiceAny whether {@code toolChoice: any} is accepted
 * @param toolChoiceTool whether {@code toolChoice: tool} (one forced tool) is accepted
 * @param toolCachePoints whether a cache point after the tools is accepted
 * @param forcedToolWithReasoning whether a forced tool ({@code any}, {@code tool} or the
 * structured-output tool) is accepted while the model reasons
 * @param temperatureWithTopP whether {@code temperature} and {@code topP} are accepted
 * together
 */
public record BedrockConverseModelQuirks(@Nullable Boolean toolChoiceAny, @Nullable Boolean toolChoiceTool,
		@Nullable Boolean toolCachePoints, @Nullable Boolean forcedToolWithReasoning,
		@Nullable Boolean temperatureWithTopP) {

	/** Nothing overridden. */
	public static final BedrockConverseModelQuirks NONE = new BedrockConverseModelQuirks(null, null, null, null, null);

	/** Everything accepted: the quirks of a family not in the table. */
	public static final BedrockConverseModelQuirks ACCEPT_ALL = new BedrockConverseModelQuirks(true, true, true, true,
			true);

	/**
	 * These quirks where set, else {@code base}'s.
	 * @param base the quirks to fall back to
	 * @return the combined quirks
	 */
	public BedrockConverseModelQuirks over(BedrockConverseModelQuirks base) {
		return new BedrockConverseModelQuirks(first(this.toolChoiceAny, base.toolChoiceAny),
				first(this.toolChoiceTool, base.toolChoiceTool), first(this.toolCachePoints, base.toolCachePoints),
				first(this.forcedToolWithReasoning, base.forcedToolWithReasoning),
				first(this.temperatureWithTopP, base.temperatureWithTopP));
	}

	private static @Nullable Boolean first(@Nullable Boolean value, @Nullable Boolean fallback) {
		return (value != null) ? value : fallback;
	}

}
