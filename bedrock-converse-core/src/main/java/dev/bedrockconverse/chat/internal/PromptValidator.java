package dev.bedrockconverse.chat.internal;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.tool.definition.ToolDefinition;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailConverseContentQualifier;

import dev.bedrockconverse.chat.BedrockConverseChatOptions;
import dev.bedrockconverse.chat.BedrockConverseMetadata;
import dev.bedrockconverse.chat.BedrockConverseModelQuirks;
import dev.bedrockconverse.chat.BedrockConverseToolChoice;
import dev.bedrockconverse.chat.ChatBedrockConverse;

/**
 * Checks a prompt, its merged options and the resolved tools against the rules of the
 * Converse API before anything is sent, so that bad input fails at once with an
 * {@link IllegalArgumentException} naming the field and the rule, instead of a
 * {@code ValidationException} after a network round trip (or, worse, a request Bedrock
 * accepts but misreads).
 * <p>
 * The one place for the rules of a request: the model id, roles, alternation, blank text,
 * tool results (and their {@link ToolResultEnvelope}), media and the metadata that shapes
 * them ({@link MediaBlocks#validateMessage}), guard-content qualifiers, the tools (names,
 * uniqueness, the tool choice, the structured-output tool), the cache-point limit, the
 * reasoning option the model's family takes (and its fields colliding with additional
 * model request fields, Claude's rules while it thinks) and what the family's quirks
 * refuse ({@link ModelFamily}), and a per-request tenant with both credentials and an API
 * key. {@link ConverseRequestMapper} runs after it, assumes they hold, and shares with it
 * the facts both read ({@link CachePoints}, the guard-content qualifiers, the model
 * family ({@link ModelFamily})). A single option's value is checked by the option itself
 * when it is set (sampling ranges, unsupported options, {@code requestMetadata}, ...).
 * The rules here that read only options stay here because they hold for the merged
 * options only: the default and the prompt's options are each partial (a default
 * toolChoice waits for a prompt's tools, a prompt's NATIVE mode or additional fields
 * replace the default's), so checking them when an options object is built would reject
 * valid defaults.
 */
public final class PromptValidator {

	/** Bedrock's pattern for {@code toolSpec.name}. */
	private static final Pattern TOOL_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

	/**
	 * How to have the breaks a chat memory window makes in a history repaired
	 * ({@link HistoryRepair}).
	 */
	private static final String HISTORY_REPAIR = "ChatBedrockConverse.builder().historyRepair(true) "
			+ "(property bedrock.converse.history-repair=true)";

	private PromptValidator() {
	}

	/**
	 * Validate a prompt and the options it will be sent with.
	 * @param prompt the prompt
	 * @param options the merged options
	 * @param tools the definitions of the tools that will be sent
	 * @param mergeConsecutiveMessages whether consecutive messages of the same role will
	 * be merged into one turn (then they are allowed)
	 * @throws IllegalArgumentException naming the first field that breaks a rule
	 */
	public static void validate(Prompt prompt, BedrockConverseChatOptions options, List<ToolDefinition> tools,
			boolean mergeConsecutiveMessages) {
		String modelId = options.getModel();
		if (modelId == null || modelId.isBlank()) {
			throw new IllegalArgumentException(
					"No Bedrock model id: set 'model' in the default options or in the prompt's options");
		}
		validateMessages(prompt.getInstructions(), mergeConsecutiveMessages);
		validateToolNames(tools);
		validateToolConfig(options, tools);
		validateCachePoints(prompt.getInstructions(), options, tools);
		validateModelFamily(prompt.getInstructions(), options, tools);
		validateTenant(options.getTenant());
	}

	private static void validateTenant(BedrockConverseChatOptions.Tenant tenant) {
		if (tenant.credentialsProvider() != null && tenant.apiKey() != null) {
			throw new IllegalArgumentException("The options set both a credentialsProvider and an apiKey for this "
					+ "request: a request is either signed with credentials or sent with an API key; set one of them");
		}
	}

	public static void validateMessages(List<Message> messages, boolean mergeConsecutiveMessages) {
		if (messages == null || messages.isEmpty()) {
			throw new IllegalArgumentException(
					"The prompt has no messages: Converse needs at least one user message; add one, e.g. new Prompt(\"...\")");
		}
		MessageType previousType = null;
		int previousIndex = -1;
		for (int i = 0; i < messages.size(); i++) {
			Message message = messages.get(i);
			MessageType type = message.getMessageType();
			requireContent(message, i);
			requireGuardContentQualifiers(message, i);
			if (message instanceof UserMessage user) {
				MediaBlocks.validateMessage(user, i);
			}
			if (type == MessageType.TOOL) {
				requireToolResponses(message, i, previousType != null);
				for (ToolResponseMessage.ToolResponse response : ((ToolResponseMessage) message).getResponses()) {
					ToolResultEnvelope.validate(response.responseData(),
							ConverseRequestMapper.toolResultLabel(response, i));
				}
			}
			if (type == MessageType.SYSTEM) {
				// Converse takes system prompts out of band, so they do not count as
				// turns.
				continue;
			}
			MessageType role = role(type);
			if (previousType == null && role != MessageType.USER) {
				throw new IllegalArgumentException("messages[" + i + "], the first non-system message, is a "
						+ type.getValue() + " message, but a Converse conversation must start with a user message; "
						+ "remove it or put a user message before it, or, for a chat memory window, let "
						+ HISTORY_REPAIR + " drop it");
			}
			if (previousType != null && repeatsTurn(previousType, type) && !mergeConsecutiveMessages) {
				throw new IllegalArgumentException("messages[" + i + "] is a " + type.getValue()
						+ " message right after another " + role.getValue() + " turn (messages[" + previousIndex
						+ "]): Converse requires user and assistant turns to alternate; combine them, or opt in to "
						+ "merging consecutive turns with ChatBedrockConverse.builder().mergeConsecutiveMessages(true) "
						+ "(property bedrock.converse.merge-consecutive-messages=true) or " + HISTORY_REPAIR);
			}
			previousType = type;
			previousIndex = i;
		}
		if (previousType == null) {
			throw new IllegalArgumentException(
					"The prompt has only system messages: Converse needs at least one user message; add one");
		}
	}

	/**
	 * The Converse role of a non-system message: a tool result is sent as a user turn.
	 * @param type the message type
	 * @return the role
	 */
	static MessageType role(MessageType type) {
		return (type == MessageType.TOOL) ? MessageType.USER : type;
	}

	/**
	 * Whether a non-system message repeats the turn of the non-system message before it,
	 * which Converse rejects: two plain user or two assistant messages in a row. Tool
	 * results next to a user text form one user turn, as Converse expects them.
	 * @param previousType the type of the message before
	 * @param type the type of the message
	 * @return whether the message repeats the turn
	 */
	static boolean repeatsTurn(MessageType previousType, MessageType type) {
		return role(previousType) == role(type)
				&& !(role(type) == MessageType.USER && (type == MessageType.TOOL || previousType == MessageType.TOOL));
	}

	/**
	 * Check the names of the tools offered to the model against Bedrock's rule for
	 * {@code toolSpec.name}: 1 to 64 letters, digits, underscores or hyphens.
	 * @param tools the tool definitions that will be sent
	 * @throws IllegalArgumentException naming the first invalid tool name
	 */
	public static void validateToolNames(List<ToolDefinition> tools) {
		for (ToolDefinition tool : tools) {
			String name = tool.name();
			if (name == null || !TOOL_NAME.matcher(name).matches()) {
				throw new IllegalArgumentException("Tool name '" + name + "' is invalid: Bedrock requires 1 to 64 "
						+ "letters, digits, underscores or hyphens (pattern [a-zA-Z0-9_-]{1,64}); rename the tool");
			}
		}
	}

	/**
	 * The tool configuration: the structured-output tool goes alone, a tool choice needs
	 * tools (and a forced tool must be one of them), and tool names are unique.
	 * @param options the merged options
	 * @param tools the tool definitions that will be sent
	 */
	private static void validateToolConfig(BedrockConverseChatOptions options, List<ToolDefinition> tools) {
		BedrockConverseToolChoice choice = options.getToolChoice();
		if (ConverseRequestMapper.usesStructuredOutputTool(options)) {
			if (!tools.isEmpty() || choice != null) {
				throw new IllegalArgumentException("structuredOutputMode TOOL forces the model to call the '"
						+ ChatBedrockConverse.STRUCTURED_OUTPUT_TOOL_NAME
						+ "' tool, so it cannot be combined with other tools or a toolChoice; "
						+ "use structuredOutputMode NATIVE, or remove the tools");
			}
			return;
		}
		if (tools.isEmpty()) {
			if (choice != null) {
				throw new IllegalArgumentException("toolChoice '" + choice
						+ "' is set but no tools are given; add tools (toolCallbacks) or remove the toolChoice");
			}
			return;
		}
		Set<String> names = new LinkedHashSet<>();
		for (ToolDefinition tool : tools) {
			if (!names.add(tool.name())) {
				throw new IllegalArgumentException(
						"Two tools are named '" + tool.name() + "'; Converse needs unique tool names");
			}
		}
		if (choice != null && choice.mode() == BedrockConverseToolChoice.Mode.TOOL
				&& !names.contains(choice.toolName())) {
			throw new IllegalArgumentException(
					"toolChoice forces the tool '" + choice.toolName() + "', which is not among the tools " + names);
		}
	}

	/**
	 * Bedrock's limit on cache points, counted where {@link CachePoints} puts them (the
	 * strategy's and the marked messages').
	 * @param messages the prompt's messages
	 * @param options the merged options
	 * @param tools the tool definitions that will be sent
	 */
	private static void validateCachePoints(List<Message> messages, BedrockConverseChatOptions options,
			List<ToolDefinition> tools) {
		int count = CachePoints.of(messages, options, ConverseRequestMapper.hasToolConfig(options, tools)).count();
		if (count > CachePoints.MAX) {
			throw new IllegalArgumentException("The request would have " + count + " cache points (cache strategy "
					+ CachePoints.strategy(options) + " plus messages marked with "
					+ BedrockConverseMetadata.CACHE_POINT + "); Bedrock allows at most " + CachePoints.MAX);
		}
	}

	/**
	 * The reasoning option is one the model's family takes ({@link ModelFamily}), the
	 * fields it adds are not also set explicitly, Claude's rules while it thinks hold,
	 * and the request asks nothing the family's quirks refuse.
	 * @param messages the prompt's messages
	 * @param options the merged options
	 * @param tools the tool definitions that will be sent
	 */
	private static void validateModelFamily(List<Message> messages, BedrockConverseChatOptions options,
			List<ToolDefinition> tools) {
		ModelFamily family = ModelFamily.of(options);
		ModelFamily.ReasoningRequest reasoning = family.reasoning(options.getReasoning());
		if (reasoning.refusal() != null) {
			throw new IllegalArgumentException(reasoning.refusal());
		}
		Map<String, Object> explicit = options.getAdditionalModelRequestFields();
		for (String key : reasoning.fields().keySet()) {
			if (explicit != null && explicit.containsKey(key)) {
				throw new IllegalArgumentException("Both 'reasoning' and additionalModelRequestFields." + key
						+ " are set (the reasoning option writes " + key + " for the model family '" + family.name()
						+ "'); set only one of them");
			}
		}
		if (reasoning.thinking()) {
			validateClaudeThinking(options);
		}
		validateQuirks(family, family.quirks(options.getModelQuirks()), reasoning, messages, options, tools);
	}

	/**
	 * Anthropic's rules while Claude thinks: temperature unset (or 1), topP unset or from
	 * 0.95 to 1, no top_k, and a budget of at least 1024 tokens below maxTokens.
	 * @param options the merged options
	 */
	private static void validateClaudeThinking(BedrockConverseChatOptions options) {
		String thinking = "Claude thinks (the reasoning option is on)";
		Double temperature = options.getTemperature();
		if (temperature != null && temperature != 1.0) {
			throw new IllegalArgumentException("temperature is " + temperature + ", but while " + thinking
					+ " Anthropic accepts no temperature other than 1; remove temperature, or switch reasoning off");
		}
		Double topP = options.getTopP();
		if (topP != null && topP < 0.95) {
			throw new IllegalArgumentException("topP is " + topP + ", but while " + thinking
					+ " Anthropic accepts topP only from 0.95 to 1; remove topP or raise it, or switch reasoning off");
		}
		Map<String, Object> explicit = options.getAdditionalModelRequestFields();
		if (explicit != null && explicit.containsKey("top_k")) {
			throw new IllegalArgumentException("additionalModelRequestFields.top_k is set, but while " + thinking
					+ " Anthropic accepts no top_k; remove it, or switch reasoning off");
		}
		Integer budget = options.getReasoning().budgetTokens();
		if (budget != null && budget < 1024) {
			throw new IllegalArgumentException("reasoning.budgetTokens is " + budget
					+ ", but Claude's thinking budget must be at least 1024 tokens; raise it");
		}
		Integer maxTokens = options.getMaxTokens();
		if (budget != null && maxTokens != null && budget >= maxTokens) {
			throw new IllegalArgumentException("reasoning.budgetTokens is " + budget + " and maxTokens " + maxTokens
					+ ", but Claude's thinking budget must be below maxTokens; lower the budget or raise maxTokens");
		}
	}

	/**
	 * What the family's quirks refuse (the table in {@link ModelFamily}, with the
	 * overrides of the {@code modelQuirks} option).
	 * @param family the model family
	 * @param quirks what it accepts
	 * @param reasoning the reasoning option as the family reads it
	 * @param messages the prompt's messages
	 * @param options the merged options
	 * @param tools the tool definitions that will be sent
	 */
	private static void validateQuirks(ModelFamily family, BedrockConverseModelQuirks quirks,
			ModelFamily.ReasoningRequest reasoning, List<Message> messages, BedrockConverseChatOptions options,
			List<ToolDefinition> tools) {
		BedrockConverseToolChoice choice = options.getToolChoice();
		boolean structuredTool = ConverseRequestMapper.usesStructuredOutputTool(options);
		String forced = structuredTool ? "structuredOutputMode TOOL (which forces the structured-output tool)"
				: (choice != null && choice.mode() != BedrockConverseToolChoice.Mode.AUTO)
						? "toolChoice '" + choice + "'" : null;
		if (choice != null && choice.mode() == BedrockConverseToolChoice.Mode.ANY
				&& Boolean.FALSE.equals(quirks.toolChoiceAny())) {
			throw refusedQuirk(family, forced, "tool-choice-any", "remove the toolChoice");
		}
		if ((structuredTool || (choice != null && choice.mode() == BedrockConverseToolChoice.Mode.TOOL))
				&& Boolean.FALSE.equals(quirks.toolChoiceTool())) {
			throw refusedQuirk(family, forced, "tool-choice-tool",
					structuredTool ? "use structuredOutputMode NATIVE" : "remove the toolChoice");
		}
		if (forced != null && reasoning.reasons() && Boolean.FALSE.equals(quirks.forcedToolWithReasoning())) {
			throw refusedQuirk(family, forced + " while the model reasons", "forced-tool-with-reasoning",
					"remove the forced tool choice or switch reasoning off");
		}
		if (Boolean.FALSE.equals(quirks.toolCachePoints())
				&& CachePoints.of(messages, options, ConverseRequestMapper.hasToolConfig(options, tools))
					.afterTools()) {
			throw refusedQuirk(family,
					"A cache point after the tools (cacheStrategy " + CachePoints.strategy(options) + ")",
					"tool-cache-points", "choose a cacheStrategy without the tools, such as SYSTEM");
		}
		if (options.getTemperature() != null && options.getTopP() != null
				&& Boolean.FALSE.equals(quirks.temperatureWithTopP())) {
			throw refusedQuirk(family, "temperature together with topP", "temperature-with-top-p",
					"set only one of them");
		}
	}

	private static IllegalArgumentException refusedQuirk(ModelFamily family, @Nullable String what, String quirk,
			String fix) {
		return new IllegalArgumentException(what + " is refused before sending: the model family '" + family.name()
				+ "' (" + family.source() + ") does not accept it; " + fix
				+ ", or, if this model does accept it, set bedrock.converse.options.model-quirks." + family.name() + "."
				+ quirk + "=true (BedrockConverseChatOptions modelQuirks)");
	}

	/**
	 * {@link BedrockConverseMetadata#GUARD_CONTENT} is {@code true}, {@code false} or a
	 * collection of qualifiers Converse knows.
	 * @param message the message
	 * @param index its index in the prompt, for errors
	 */
	private static void requireGuardContentQualifiers(Message message, int index) {
		Object marker = message.getMetadata().get(BedrockConverseMetadata.GUARD_CONTENT);
		if (marker == null || marker instanceof Boolean) {
			return;
		}
		if (!(marker instanceof Collection<?> values)) {
			throw new IllegalArgumentException("Message " + index + " has " + BedrockConverseMetadata.GUARD_CONTENT
					+ " metadata of type " + marker.getClass().getName() + "; use true or a collection of qualifiers");
		}
		for (Object value : values) {
			if (ConverseRequestMapper
				.guardQualifier(value) == GuardrailConverseContentQualifier.UNKNOWN_TO_SDK_VERSION) {
				throw new IllegalArgumentException("Message " + index + " has the guard content qualifier '" + value
						+ "'; use grounding_source, query or guard_content");
			}
		}
	}

	/**
	 * A message needs non-blank text, except a tool result and an assistant message with
	 * tool calls. A user message needs text even when it has media: Converse needs a text
	 * block next to documents.
	 * @param message the message
	 * @param index the index
	 */
	private static void requireContent(Message message, int index) {
		String text = message.getText();
		if (text != null && !text.isBlank()) {
			return;
		}
		boolean otherContent = message.getMessageType() == MessageType.TOOL
				|| (message instanceof AssistantMessage assistant && assistant.hasToolCalls());
		if (!otherContent) {
			String what = (message instanceof UserMessage user && !user.getMedia().isEmpty())
					? " (a user message needs text next to its media)" : "";
			throw new IllegalArgumentException("Message " + index + " (" + message.getMessageType().getValue()
					+ ") has blank text: messages[" + index + "].text is " + ((text != null) ? "blank" : "missing")
					+ what + "; Converse rejects blank text blocks; give the message some text or remove it");
		}
	}

	private static void requireToolResponses(Message message, int index, boolean afterATurn) {
		if (!(message instanceof ToolResponseMessage toolResponse)) {
			throw new IllegalArgumentException("Message " + index
					+ " has type tool but is not a ToolResponseMessage; build it with ToolResponseMessage.builder()");
		}
		if (!afterATurn) {
			throw new IllegalArgumentException("Message " + index
					+ " (tool) has no assistant tool call before it; Converse requires the conversation to start with a "
					+ "user message; for a chat memory window that cut off the tool use, let " + HISTORY_REPAIR
					+ " drop it");
		}
		if (toolResponse.getResponses().isEmpty()) {
			throw new IllegalArgumentException("Message " + index + " (tool) has no tool responses");
		}
	}

}
