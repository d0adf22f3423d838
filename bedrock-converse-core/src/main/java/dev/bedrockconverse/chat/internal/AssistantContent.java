package dev.bedrockconverse.chat.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.messages.AssistantMessage;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;

import dev.bedrockconverse.chat.BedrockConverseCitation;
import dev.bedrockconverse.chat.BedrockConverseMetadata;
import dev.bedrockconverse.chat.BedrockConverseReasoning;
import dev.bedrockconverse.chat.ChatBedrockConverse;

/**
 * The one converter from Converse content to a Spring AI {@link AssistantMessage}: text,
 * reasoning, citations, tool uses and the forced structured-output tool (whose input is
 * the answer text). The call path adds whole {@link ContentBlock}s; the stream assembler
 * adds the same kinds of content as their blocks complete. Not thread-safe.
 */
public final class AssistantContent {

	/** The {@code type} of every tool call, as Spring AI's other models use it. */
	public static final String TOOL_CALL_TYPE = "function";

	private final boolean structuredOutputTool;

	private final boolean collectText;

	private final StringBuilder text = new StringBuilder();

	private final List<AssistantMessage.ToolCall> toolCalls = new ArrayList<>();

	private final List<BedrockConverseReasoning> reasoning = new ArrayList<>();

	private final List<BedrockConverseCitation> citations = new ArrayList<>();

	/**
	 * Create a converter for one assistant message.
	 * @param structuredOutputTool whether a use of the structured-output tool is the
	 * answer text rather than a tool call
	 * @param collectText whether text is collected for {@link #toMessage()} (a stream
	 * that nothing aggregates skips it)
	 */
	public AssistantContent(boolean structuredOutputTool, boolean collectText) {
		this.structuredOutputTool = structuredOutputTool;
		this.collectText = collectText;
	}

	/**
	 * Add one whole content block of a Converse response.
	 * @param block the block
	 */
	public void add(ContentBlock block) {
		if (block.text() != null) {
			addText(block.text());
		}
		else if (block.citationsContent() != null) {
			block.citationsContent().content().forEach((generated) -> addText(generated.text()));
			block.citationsContent().citations().forEach((citation) -> addCitation(Citations.of(citation)));
		}
		else if (block.reasoningContent() != null) {
			ReasoningContentBlock content = block.reasoningContent();
			addReasoning((content.redactedContent() != null)
					? BedrockConverseReasoning.redacted(content.redactedContent().asByteArray())
					: BedrockConverseReasoning.text(content.reasoningText().text(),
							content.reasoningText().signature()));
		}
		else if (block.toolUse() != null) {
			ToolUseBlock toolUse = block.toolUse();
			addToolUse(toolUse.toolUseId(), toolUse.name(), JsonDocuments.toJson(toolUse.input()));
		}
	}

	/**
	 * Add answer text.
	 * @param text the text
	 */
	public void addText(String text) {
		if (this.collectText) {
			this.text.append(text);
		}
	}

	/**
	 * Add a citation.
	 * @param citation the citation
	 */
	public void addCitation(BedrockConverseCitation citation) {
		this.citations.add(citation);
	}

	/**
	 * Add a complete reasoning block.
	 * @param block the block
	 */
	public void addReasoning(BedrockConverseReasoning block) {
		this.reasoning.add(block);
	}

	/**
	 * Add a complete tool use: the structured-output tool's input becomes answer text,
	 * any other tool use a tool call.
	 * @param id the tool use id
	 * @param name the tool name
	 * @param arguments the input as JSON text
	 * @return the tool call, or {@code null} if it was the structured-output tool
	 */
	public AssistantMessage.@Nullable ToolCall addToolUse(String id, String name, String arguments) {
		if (isStructuredOutput(name)) {
			addText(arguments);
			return null;
		}
		AssistantMessage.ToolCall toolCall = new AssistantMessage.ToolCall(id, TOOL_CALL_TYPE, name, arguments);
		this.toolCalls.add(toolCall);
		return toolCall;
	}

	/**
	 * Whether a tool use of this name is the structured-output answer.
	 * @param toolName the tool's name
	 * @return whether it is
	 */
	public boolean isStructuredOutput(String toolName) {
		return this.structuredOutputTool && ChatBedrockConverse.STRUCTURED_OUTPUT_TOOL_NAME.equals(toolName);
	}

	/**
	 * The reasoning blocks added so far.
	 * @return an unmodifiable copy
	 */
	public List<BedrockConverseReasoning> reasoning() {
		return List.copyOf(this.reasoning);
	}

	/**
	 * The citations added so far.
	 * @return an unmodifiable copy
	 */
	public List<BedrockConverseCitation> citations() {
		return List.copyOf(this.citations);
	}

	/**
	 * The assistant message: the text, the tool calls, and the reasoning blocks under
	 * {@link BedrockConverseMetadata#REASONING_CONTENT} when there are any.
	 * @return the message
	 */
	public AssistantMessage toMessage() {
		var message = AssistantMessage.builder().content(this.text.toString()).toolCalls(List.copyOf(this.toolCalls));
		if (!this.reasoning.isEmpty()) {
			message.properties(Map.of(BedrockConverseMetadata.REASONING_CONTENT, reasoning()));
		}
		return message.build();
	}

}
