package dev.bedrockconverse.chat.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.content.Media;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseType;

import dev.bedrockconverse.chat.BedrockConverseCitation;
import dev.bedrockconverse.chat.BedrockConverseMetadata;
import dev.bedrockconverse.chat.BedrockConverseReasoning;
import dev.bedrockconverse.chat.ChatBedrockConverse;

/**
 * The one converter from Converse content to a Spring AI {@link AssistantMessage}: text,
 * reasoning, citations, tool uses and the forced structured-output tool (whose input is
 * the answer text), generated media, server-side tool use and its results, other output
 * blocks, and blocks of a kind not mapped yet (kept, logged once per kind at WARN). The
 * call path adds whole {@link ContentBlock}s; the stream assembler adds the same kinds of
 * content as their blocks complete. Not thread-safe.
 */
public final class AssistantContent {

	/** The {@code type} of every tool call, as Spring AI's other models use it. */
	public static final String TOOL_CALL_TYPE = "function";

	private static final Log logger = LogFactory.getLog(AssistantContent.class);

	/** The kinds of unmapped content already logged in this JVM. */
	private static final Set<String> WARNED_KINDS = ConcurrentHashMap.newKeySet();

	private final boolean structuredOutputTool;

	private final boolean collectText;

	// Each part is created when its first item arrives: most answers are one text block
	// and nothing else, and this runs for every call and stream.

	private @Nullable String text;

	private @Nullable StringBuilder moreText;

	private @Nullable List<AssistantMessage.ToolCall> toolCalls;

	private @Nullable List<BedrockConverseReasoning> reasoning;

	private @Nullable List<BedrockConverseCitation> citations;

	private @Nullable List<Media> media;

	private @Nullable List<ContentBlock> serverToolContent;

	private @Nullable List<ContentBlock> outputContent;

	private @Nullable List<Object> unknownContent;

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
		else if (block.toolUse() != null && block.toolUse().type() != ToolUseType.SERVER_TOOL_USE) {
			ToolUseBlock toolUse = block.toolUse();
			addToolUse(toolUse.toolUseId(), toolUse.name(), JsonDocuments.toJson(toolUse.input()));
		}
		else if (block.toolUse() != null || block.toolResult() != null) {
			// In a response, a tool result is always a server-side tool's.
			addServerToolContent(block);
		}
		else if (block.image() != null || block.document() != null || block.video() != null || block.audio() != null) {
			addMediaBlock(block);
		}
		else if (block.searchResult() != null) {
			this.outputContent = added(this.outputContent, block);
		}
		else {
			addUnknown(String.valueOf(block.type()), block);
		}
	}

	/**
	 * Add an {@code image}, {@code document}, {@code video} or {@code audio} block: its
	 * media, or the block itself under {@link BedrockConverseMetadata#OUTPUT_CONTENT}
	 * when it has no media (an error, a format without a MIME type, a text document).
	 * @param block the block
	 * @return the media, or {@code null}
	 */
	public @Nullable Media addMediaBlock(ContentBlock block) {
		Media item = MediaBlocks.toMedia(block);
		if (item != null) {
			this.media = added(this.media, item);
		}
		else {
			this.outputContent = added(this.outputContent, block);
		}
		return item;
	}

	/**
	 * Add a server-side tool use or tool result block, kept as is.
	 * @param block the block
	 */
	public void addServerToolContent(ContentBlock block) {
		this.serverToolContent = added(this.serverToolContent, block);
	}

	/**
	 * Keep content of a kind not mapped yet, logging the kind once per JVM at WARN.
	 * @param kind the kind, for the log
	 * @param content the SDK object that carried it
	 */
	public void addUnknown(String kind, Object content) {
		this.unknownContent = added(this.unknownContent, content);
		if (WARNED_KINDS.add(kind)) {
			logger.warn("Bedrock returned content of a kind this library does not map yet (" + kind
					+ "); it is kept on the assistant message's metadata under '"
					+ BedrockConverseMetadata.UNKNOWN_CONTENT + "'. Logged once per kind.");
		}
	}

	/**
	 * The server-side tool content added so far.
	 * @return an unmodifiable copy
	 */
	public List<ContentBlock> serverToolContent() {
		return copy(this.serverToolContent);
	}

	/**
	 * Add answer text.
	 * @param text the text
	 */
	public void addText(String text) {
		if (!this.collectText) {
			return;
		}
		if (this.text == null) {
			this.text = text;
		}
		else {
			if (this.moreText == null) {
				this.moreText = new StringBuilder(this.text);
			}
			this.moreText.append(text);
		}
	}

	/**
	 * Add a citation.
	 * @param citation the citation
	 */
	public void addCitation(BedrockConverseCitation citation) {
		this.citations = added(this.citations, citation);
	}

	/**
	 * Add a complete reasoning block.
	 * @param block the block
	 */
	public void addReasoning(BedrockConverseReasoning block) {
		this.reasoning = added(this.reasoning, block);
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
		this.toolCalls = added(this.toolCalls, toolCall);
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
		return copy(this.reasoning);
	}

	/**
	 * The citations added so far.
	 * @return an unmodifiable copy
	 */
	public List<BedrockConverseCitation> citations() {
		return copy(this.citations);
	}

	/**
	 * The assistant message: the text, the tool calls, and the reasoning blocks under
	 * {@link BedrockConverseMetadata#REASONING_CONTENT} when there are any.
	 * @return the message
	 */
	public AssistantMessage toMessage() {
		Map<String, Object> properties = contentMetadata();
		if (this.reasoning != null) {
			properties = new LinkedHashMap<>(properties);
			properties.put(BedrockConverseMetadata.REASONING_CONTENT, reasoning());
		}
		String content = (this.moreText != null) ? this.moreText.toString() : (this.text != null) ? this.text : "";
		return AssistantMessage.builder()
			.content(content)
			.toolCalls(copy(this.toolCalls))
			.media(copy(this.media))
			.properties(properties)
			.build();
	}

	/**
	 * The message of a stream's last response: no text, tool calls or media (those were
	 * streamed), and the metadata of the whole answer that is not streamed as it arrives:
	 * citations, server-side tool content, other output and unmapped content.
	 * @return the message
	 */
	public AssistantMessage toClosingMessage() {
		return AssistantMessage.builder().content("").toolCalls(List.of()).properties(contentMetadata()).build();
	}

	private Map<String, Object> contentMetadata() {
		if (this.citations == null && this.serverToolContent == null && this.outputContent == null
				&& this.unknownContent == null) {
			return Map.of();
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		putIfAny(properties, BedrockConverseMetadata.CITATIONS, this.citations);
		putIfAny(properties, BedrockConverseMetadata.SERVER_TOOL_CONTENT, this.serverToolContent);
		putIfAny(properties, BedrockConverseMetadata.OUTPUT_CONTENT, this.outputContent);
		putIfAny(properties, BedrockConverseMetadata.UNKNOWN_CONTENT, this.unknownContent);
		return properties;
	}

	private static void putIfAny(Map<String, Object> properties, String key, @Nullable List<?> values) {
		if (values != null) {
			properties.put(key, List.copyOf(values));
		}
	}

	private static <T> List<T> added(@Nullable List<T> list, T item) {
		List<T> to = (list != null) ? list : new ArrayList<>(2);
		to.add(item);
		return to;
	}

	private static <T> List<T> copy(@Nullable List<T> list) {
		return (list != null) ? List.copyOf(list) : List.of();
	}

}
