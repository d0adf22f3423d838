package dev.bedrockconverse.chat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.model.tool.ToolExecutionResult;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.tool.metadata.ToolMetadata;

/**
 * A {@link ToolCallingManager} that remembers which tools failed, so their results go to
 * Bedrock with {@code status: error}.
 * <p>
 * Spring AI 2.0.1 turns a tool's exception into its result text (through the delegate's
 * {@code ToolExecutionExceptionProcessor}) and has no failure flag on a tool response.
 * This manager wraps the tools it runs, notes each call that throws, lets the delegate
 * handle the exception as usual, and lists the failed calls' ids on the resulting
 * {@link ToolResponseMessage} under {@link BedrockConverseMetadata#FAILED_TOOL_CALL_IDS}.
 * Use it in {@code ChatClient}'s tool-calling advisor: <pre>{@code
 * ChatClient.builder(chatModel)
 *     .defaultAdvisors(ToolCallingAdvisor.builder()
 *         .toolCallingManager(new FailureMarkingToolCallingManager(ToolCallingManager.builder().build()))
 *         .build())
 *     .build();
 * }</pre>
 */
public final class FailureMarkingToolCallingManager implements ToolCallingManager {

	private final ToolCallingManager delegate;

	/**
	 * Wrap a manager.
	 * @param delegate the manager that resolves and runs the tools
	 */
	public FailureMarkingToolCallingManager(ToolCallingManager delegate) {
		if (delegate == null) {
			throw new IllegalArgumentException("delegate must not be null");
		}
		this.delegate = delegate;
	}

	/**
	 * The delegate's tool definitions.
	 * @param chatOptions the options
	 * @return the definitions
	 */
	@Override
	public List<ToolDefinition> resolveToolDefinitions(ToolCallingChatOptions chatOptions) {
		return this.delegate.resolveToolDefinitions(chatOptions);
	}

	/**
	 * Run the tool calls through the delegate and mark the failed ones.
	 * @param prompt the prompt whose options hold the tools
	 * @param chatResponse the response with the tool calls
	 * @return the delegate's result, its tool response message marked
	 */
	@Override
	public ToolExecutionResult executeToolCalls(Prompt prompt, ChatResponse chatResponse) {
		if (!(prompt.getOptions() instanceof ToolCallingChatOptions options)) {
			return this.delegate.executeToolCalls(prompt, chatResponse);
		}
		// Calls are identified by tool name and input, the only things a callback sees.
		Set<String> failedCalls = ConcurrentHashMap.newKeySet();
		List<ToolCallback> wrapped = new ArrayList<>();
		for (ToolCallback callback : options.getToolCallbacks()) {
			wrapped.add(new FailureRecordingCallback(callback, failedCalls));
		}
		ToolCallingChatOptions wrappedOptions = options.mutate().toolCallbacks(wrapped).build();
		ToolExecutionResult result = this.delegate.executeToolCalls(prompt.mutate().chatOptions(wrappedOptions).build(),
				chatResponse);
		if (failedCalls.isEmpty()) {
			return result;
		}
		List<String> failedIds = new ArrayList<>();
		for (Generation generation : chatResponse.getResults()) {
			for (AssistantMessage.ToolCall toolCall : generation.getOutput().getToolCalls()) {
				if (failedCalls.contains(key(toolCall.name(), toolCall.arguments()))) {
					failedIds.add(toolCall.id());
				}
			}
		}
		List<Message> history = new ArrayList<>(result.conversationHistory());
		int last = history.size() - 1;
		if (failedIds.isEmpty() || last < 0 || !(history.get(last) instanceof ToolResponseMessage responses)) {
			return result;
		}
		Map<String, Object> metadata = new HashMap<>(responses.getMetadata());
		metadata.put(BedrockConverseMetadata.FAILED_TOOL_CALL_IDS, List.copyOf(failedIds));
		history.set(last, ToolResponseMessage.builder().responses(responses.getResponses()).metadata(metadata).build());
		return ToolExecutionResult.builder().conversationHistory(history).returnDirect(result.returnDirect()).build();
	}

	private static String key(String name, @Nullable String arguments) {
		// The manager runs tools with "{}" when the arguments are blank.
		return name + "\u0000" + ((arguments == null || arguments.isBlank()) ? "{}" : arguments);
	}

	/** Notes a call that throws, then rethrows so the delegate handles it as usual. */
	private record FailureRecordingCallback(ToolCallback callback, Set<String> failedCalls) implements ToolCallback {

		@Override
		public ToolDefinition getToolDefinition() {
			return this.callback.getToolDefinition();
		}

		@Override
		public ToolMetadata getToolMetadata() {
			return this.callback.getToolMetadata();
		}

		@Override
		public String call(String toolInput) {
			try {
				return this.callback.call(toolInput);
			}
			catch (RuntimeException ex) {
				this.failedCalls.add(key(getToolDefinition().name(), toolInput));
				throw ex;
			}
		}

		@Override
		public String call(String toolInput, @Nullable ToolContext toolContext) {
			try {
				return this.callback.call(toolInput, toolContext);
			}
			catch (RuntimeException ex) {
				this.failedCalls.add(key(getToolDefinition().name(), toolInput));
				throw ex;
			}
		}

	}

}
