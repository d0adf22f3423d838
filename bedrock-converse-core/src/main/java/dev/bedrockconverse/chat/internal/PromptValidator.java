package dev.bedrockconverse.chat.internal;

import java.util.List;
import java.util.regex.Pattern;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.tool.definition.ToolDefinition;

import dev.bedrockconverse.chat.BedrockConverseChatOptions;

/**
 * Checks a prompt and its merged options against the rules of the Converse API before
 * anything is sent, so that bad input fails at once with an
 * {@link IllegalArgumentException} naming the field and the rule, instead of a
 * {@code ValidationException} after a network round trip (or, worse, a request Bedrock
 * accepts but misreads).
 * <p>
 * The one place for the rules of the conversation (the model id, roles, alternation,
 * blank text, tool results); {@link ConverseRequestMapper} runs after it and assumes they
 * hold. Options validate themselves when they are set (sampling ranges, unsupported
 * options, {@code requestMetadata}, ...); media are checked against Bedrock's formats and
 * limits as they are converted ({@code MediaBlocks}).
 */
public final class PromptValidator {

	/** Bedrock's pattern for {@code toolSpec.name}. */
	private static final Pattern TOOL_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

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
	}

	public static void validateMessages(List<Message> messages, boolean mergeConsecutiveMessages) {
		if (messages == null || messages.isEmpty()) {
			throw new IllegalArgumentException(
					"The prompt has no messages: Converse needs at least one user message; add one, e.g. new Prompt(\"...\")");
		}
		MessageType previous = null;
		MessageType previousType = null;
		int previousIndex = -1;
		for (int i = 0; i < messages.size(); i++) {
			Message message = messages.get(i);
			MessageType type = message.getMessageType();
			requireContent(message, i);
			if (message instanceof UserMessage user && !user.getMedia().isEmpty()) {
				MediaBlocks.validate(user.getMedia(), i);
			}
			if (type == MessageType.TOOL) {
				requireToolResponses(message, i, previous != null);
			}
			if (type == MessageType.SYSTEM) {
				// Converse takes system prompts out of band, so they do not count as
				// turns.
				continue;
			}
			// A tool result is sent as a user turn.
			MessageType role = (type == MessageType.TOOL) ? MessageType.USER : type;
			if (previous == null && role != MessageType.USER) {
				throw new IllegalArgumentException("messages[" + i + "], the first non-system message, is a "
						+ type.getValue() + " message, but a Converse conversation must start with a user message; "
						+ "remove it or put a user message before it");
			}
			// Tool results next to a user text form one user turn, as Converse expects
			// them; only repeated plain
			// user or assistant messages are a broken history.
			boolean toolNextToUser = role == MessageType.USER
					&& (type == MessageType.TOOL || previousType == MessageType.TOOL);
			if (previous == role && !toolNextToUser && !mergeConsecutiveMessages) {
				throw new IllegalArgumentException("messages[" + i + "] is a " + type.getValue()
						+ " message right after another " + role.getValue() + " turn (messages[" + previousIndex
						+ "]): Converse requires user and assistant turns to alternate; combine them, or opt in to "
						+ "merging consecutive turns with ChatBedrockConverse.builder().mergeConsecutiveMessages(true) "
						+ "(property bedrock.converse.merge-consecutive-messages=true)");
			}
			previous = role;
			previousType = type;
			previousIndex = i;
		}
		if (previous == null) {
			throw new IllegalArgumentException(
					"The prompt has only system messages: Converse needs at least one user message; add one");
		}
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
					+ " (tool) has no assistant tool call before it; Converse requires the conversation to start with a user message");
		}
		if (toolResponse.getResponses().isEmpty()) {
			throw new IllegalArgumentException("Message " + index + " (tool) has no tool responses");
		}
	}

}
