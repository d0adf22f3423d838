package dev.bedrockconverse.chat;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.prompt.Prompt;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;

/**
 * Maps a Spring AI {@link Prompt} plus the merged options to a Converse or
 * ConverseStream request, validating everything Converse would reject (or silently
 * misinterpret) before a request is sent.
 */
final class ConverseRequestMapper {

	private ConverseRequestMapper() {
	}

	/**
	 * Map to a Converse request.
	 * @param prompt the prompt
	 * @param options the merged options (prompt over defaults)
	 * @return the request
	 * @throws IllegalArgumentException if the prompt or options cannot be sent
	 */
	static ConverseRequest toConverseRequest(Prompt prompt, BedrockConverseChatOptions options) {
		Mapped mapped = map(prompt, options);
		return ConverseRequest.builder()
			.modelId(mapped.modelId())
			.system(mapped.system())
			.messages(mapped.messages())
			.inferenceConfig(mapped.inferenceConfig())
			.build();
	}

	/**
	 * Map to a ConverseStream request; same mapping as {@link #toConverseRequest}.
	 * @param prompt the prompt
	 * @param options the merged options (prompt over defaults)
	 * @return the request
	 * @throws IllegalArgumentException if the prompt or options cannot be sent
	 */
	static ConverseStreamRequest toConverseStreamRequest(Prompt prompt, BedrockConverseChatOptions options) {
		Mapped mapped = map(prompt, options);
		return ConverseStreamRequest.builder()
			.modelId(mapped.modelId())
			.system(mapped.system())
			.messages(mapped.messages())
			.inferenceConfig(mapped.inferenceConfig())
			.build();
	}

	/** The parts shared by both request types (their builders share no interface). */
	private record Mapped(String modelId, @Nullable List<SystemContentBlock> system,
			List<software.amazon.awssdk.services.bedrockruntime.model.Message> messages,
			@Nullable InferenceConfiguration inferenceConfig) {
	}

	private static Mapped map(Prompt prompt, BedrockConverseChatOptions options) {
		// Options that Converse cannot express must never be dropped silently.
		OptionsMerger.rejectUnsupported(options);
		String modelId = options.getModel();
		if (modelId == null || modelId.isBlank()) {
			throw new IllegalArgumentException(
					"No Bedrock model id: set 'model' in the default options or in the prompt's options");
		}
		List<Message> instructions = prompt.getInstructions();
		if (instructions == null || instructions.isEmpty()) {
			throw new IllegalArgumentException("The prompt has no messages; Converse needs at least one user message");
		}
		List<SystemContentBlock> system = new ArrayList<>();
		List<software.amazon.awssdk.services.bedrockruntime.model.Message> messages = new ArrayList<>();
		for (int i = 0; i < instructions.size(); i++) {
			Message message = instructions.get(i);
			MessageType type = message.getMessageType();
			String text = requireText(message, i);
			switch (type) {
				// Converse takes system prompts out of band, wherever they appear.
				case SYSTEM -> system.add(SystemContentBlock.fromText(text));
				case USER -> {
					if (message instanceof UserMessage user && !user.getMedia().isEmpty()) {
						throw new IllegalArgumentException(
								"Message " + i + " (user) carries media, which is not supported yet; only text is sent");
					}
					append(messages, ConversationRole.USER, text);
				}
				case ASSISTANT -> {
					if (message instanceof AssistantMessage assistant && assistant.hasToolCalls()) {
						throw new IllegalArgumentException(
								"Message " + i + " (assistant) carries tool calls, which are not supported yet");
					}
					if (messages.isEmpty()) {
						throw new IllegalArgumentException("The first non-system message (message " + i
								+ ") is an assistant message; Converse requires the conversation to start with a user message");
					}
					append(messages, ConversationRole.ASSISTANT, text);
				}
				default -> throw new IllegalArgumentException(
						"Message " + i + " has type " + type + ", which is not supported yet (only system, user and assistant text)");
			}
		}
		if (messages.isEmpty()) {
			throw new IllegalArgumentException(
					"The prompt has only system messages; Converse needs at least one user message");
		}
		return new Mapped(modelId, system.isEmpty() ? null : system, messages, inferenceConfig(options));
	}

	private static String requireText(Message message, int index) {
		String text = message.getText();
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException("Message " + index + " ("
					+ message.getMessageType().getValue() + ") has blank text; Converse rejects blank text blocks");
		}
		return text;
	}

	/**
	 * Append a text block, merging it into the previous message when the role repeats:
	 * Converse requires user and assistant turns to alternate. {@link PromptValidator}
	 * rejects repeated roles first unless merging was opted in, so this is the opt-in
	 * repair of chat-memory histories, keeping every text in order.
	 */
	private static void append(List<software.amazon.awssdk.services.bedrockruntime.model.Message> messages,
			ConversationRole role, String text) {
		ContentBlock block = ContentBlock.fromText(text);
		int last = messages.size() - 1;
		if (last >= 0 && messages.get(last).role() == role) {
			var previous = messages.get(last);
			List<ContentBlock> content = new ArrayList<>(previous.content());
			content.add(block);
			messages.set(last, previous.toBuilder().content(content).build());
		}
		else {
			messages.add(software.amazon.awssdk.services.bedrockruntime.model.Message.builder()
				.role(role)
				.content(block)
				.build());
		}
	}

	/** Only the fields the user set are sent, so Bedrock applies its own defaults to the rest. */
	private static @Nullable InferenceConfiguration inferenceConfig(BedrockConverseChatOptions options) {
		if (options.getMaxTokens() == null && options.getTemperature() == null && options.getTopP() == null
				&& options.getStopSequences() == null) {
			return null;
		}
		InferenceConfiguration.Builder builder = InferenceConfiguration.builder();
		if (options.getMaxTokens() != null) {
			builder.maxTokens(options.getMaxTokens());
		}
		if (options.getTemperature() != null) {
			builder.temperature(options.getTemperature().floatValue());
		}
		if (options.getTopP() != null) {
			builder.topP(options.getTopP().floatValue());
		}
		if (options.getStopSequences() != null) {
			builder.stopSequences(options.getStopSequences());
		}
		return builder.build();
	}

}
