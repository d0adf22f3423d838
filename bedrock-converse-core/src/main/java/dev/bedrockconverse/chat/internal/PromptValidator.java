package dev.bedrockconverse.chat.internal;

import java.util.List;
import java.util.regex.Pattern;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.tool.definition.ToolDefinition;
import dev.bedrockconverse.chat.BedrockConverseChatOptions;
import dev.bedrockconverse.chat.ChatBedrockConverse;

/**
 * Checks a prompt and its merged options against the rules of the Converse API before
 * anything is sent, so that bad input fails at once with an
 * {@link IllegalArgumentException} naming the field and the rule, instead of a
 * {@code ValidationException} after a network round trip (or, worse, a request Bedrock
 * accepts but misreads).
 * <p>
 * The one place for checks of the conversation and the sampling ranges; options validate
 * themselves when they are built (e.g. {@code requestMetadata}), and media are checked
 * against Bedrock's formats and limits where they are mapped ({@code MediaBlocks}).
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
		validateOptions(options);
		validateMessages(prompt.getInstructions(), mergeConsecutiveMessages);
		validateToolNames(tools);
	}

	public static void validateOptions(BedrockConverseChatOptions options) {
		if (options.getTemperature() != null) {
			requireUnitRange("temperature", options.getTemperature());
		}
		if (options.getTopP() != null) {
			requireUnitRange("topP", options.getTopP());
		}
		if (options.getMaxTokens() != null && options.getMaxTokens() < 1) {
			throw new IllegalArgumentException("Option 'maxTokens' is " + options.getMaxTokens()
					+ " but must be at least 1; set a positive number of tokens or leave it unset for the model's default");
		}
	}

	private static void requireUnitRange(String option, double value) {
		if (!(value >= 0.0 && value <= 1.0)) {
			throw new IllegalArgumentException("Option '" + option + "' is " + value
					+ " but Converse accepts values from 0 to 1; set it within that range or leave it unset");
		}
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
			if (type == MessageType.SYSTEM) {
				// Converse takes system prompts out of band, so they do not count as
				// turns.
				continue;
			}
			// A tool result is sent as a user turn.
			MessageType role = (type == MessageType.TOOL) ? MessageType.USER : type;
			if (previous == null && role != MessageType.USER) {
				throw new IllegalArgumentException("messages[" + i + "] is a " + type.getValue()
						+ " message, but a Converse conversation must start with a user message; "
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

	private static void requireContent(Message message, int index) {
		String text = message.getText();
		if (text != null && !text.isBlank()) {
			return;
		}
		boolean otherContent = message.getMessageType() == MessageType.TOOL
				|| (message instanceof UserMessage user && !user.getMedia().isEmpty())
				|| (message instanceof AssistantMessage assistant && assistant.hasToolCalls());
		if (!otherContent) {
			throw new IllegalArgumentException("messages[" + index + "].text (" + message.getMessageType().getValue()
					+ ") is " + ((text == null) ? "missing" : "blank")
					+ ": Converse rejects empty text blocks; give the message some text or remove it");
		}
	}

}
