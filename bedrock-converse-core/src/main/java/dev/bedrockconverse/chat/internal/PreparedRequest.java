package dev.bedrockconverse.chat.internal;

import java.util.List;

import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.tool.definition.ToolDefinition;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.CountTokensRequest;

import dev.bedrockconverse.chat.BedrockConverseChatOptions;
import dev.bedrockconverse.chat.BedrockConverseFallback;

/**
 * A prompt made ready to send: the one preparation step that {@code call} and
 * {@code stream} share (merge the options, resolve the tools, validate, map). Nothing is
 * sent while preparing, so an invalid prompt fails before any observation starts.
 *
 * @param prompt the prompt carrying the merged options (the observation convention reads
 * the request model from them)
 * @param options the merged options
 * @param request the Converse request; the ConverseStream request is derived from it
 * @param structuredOutputTool whether the forced structured-output tool's input is the
 * answer text rather than a tool call
 * @param historyRepairs what the history repair changed (see {@link HistoryRepair}),
 * empty when it is off or the history needed nothing
 * @param routes where the request goes: first as its options say, then to each fallback
 * in turn (see {@link RequestRoute})
 */
public record PreparedRequest(Prompt prompt, BedrockConverseChatOptions options, ConverseRequest request,
		boolean structuredOutputTool, List<String> historyRepairs, List<RequestRoute> routes) {

	/**
	 * Prepare a prompt.
	 * @param prompt the prompt as the caller gave it
	 * @param defaults the model's default options
	 * @param toolCallingManager resolves the options' tool callbacks to definitions
	 * @param mergeConsecutiveMessages whether consecutive messages of one role may be
	 * merged into one turn
	 * @param historyRepair whether to repair what a chat memory window breaks
	 * ({@link HistoryRepair}) before validating
	 * @param fallbacks where the request goes, in order, when it cannot be answered where
	 * its options send it
	 * @return the prepared request
	 * @throws IllegalArgumentException if the prompt or its options break a rule
	 */
	public static PreparedRequest prepare(Prompt prompt, BedrockConverseChatOptions defaults,
			ToolCallingManager toolCallingManager, boolean mergeConsecutiveMessages, boolean historyRepair,
			List<BedrockConverseFallback> fallbacks) {
		BedrockConverseChatOptions options = OptionsMerger.merge(prompt.getOptions(), defaults);
		List<Message> messages = prompt.getInstructions();
		List<String> repairs = List.of();
		if (historyRepair) {
			HistoryRepair repair = HistoryRepair.of(messages);
			messages = repair.messages();
			repairs = repair.repairs();
		}
		// The caller's messages as they are, as Spring AI's own models do: nothing here
		// changes them, and a deep copy (Prompt.mutate()) would cost every request.
		Prompt merged = (options == prompt.getOptions() && messages == prompt.getInstructions()) ? prompt
				: new Prompt(messages, options);
		List<ToolDefinition> tools = options.getToolCallbacks().isEmpty() ? List.of()
				: toolCallingManager.resolveToolDefinitions(options);
		PromptValidator.validate(merged, options, tools, mergeConsecutiveMessages || historyRepair);
		ConverseRequest request = ConverseRequestMapper.toConverseRequest(merged, options, tools);
		return new PreparedRequest(merged, options, request, ConverseRequestMapper.usesStructuredOutputTool(options),
				repairs, RequestRoute.of(options, request.modelId(), fallbacks));
	}

	/**
	 * The model id the request is sent with.
	 * @return the model id
	 */
	public String modelId() {
		return this.request.modelId();
	}

	/**
	 * The same input for CountTokens: its messages, system prompt, tool configuration and
	 * additional model request fields, for the same model.
	 * @return the CountTokens request
	 */
	public CountTokensRequest countTokensRequest() {
		return ConverseRequestMapper.toCountTokensRequest(this.request);
	}

	/**
	 * The request as sent on one of its routes.
	 * @param route one of {@link #routes()}
	 * @return the Converse request with the route's model id and per-request
	 * configuration
	 */
	public ConverseRequest request(RequestRoute route) {
		return route.apply(this.request);
	}

	/**
	 * The stream request as sent on one of its routes: the same request, field by field,
	 * with the same per-request configuration.
	 * @param route one of {@link #routes()}
	 * @return the ConverseStream request
	 */
	public ConverseStreamRequest streamRequest(RequestRoute route) {
		ConverseRequest routed = route.apply(this.request);
		ConverseStreamRequest stream = ConverseRequestMapper.toConverseStreamRequest(routed, this.options);
		return routed.overrideConfiguration()
			.map((override) -> stream.toBuilder().overrideConfiguration(override).build())
			.orElse(stream);
	}

}
