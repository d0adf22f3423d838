package dev.bedrockconverse.chat.internal;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.content.Media;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDelta;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStart;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStartEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStopEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.ErrorBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ImageBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ImageBlockDelta;
import software.amazon.awssdk.services.bedrockruntime.model.ImageSource;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStopEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningContentBlockDelta;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultBlockDelta;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseType;

import dev.bedrockconverse.chat.BedrockConverseCitation;
import dev.bedrockconverse.chat.BedrockConverseMetadata;
import dev.bedrockconverse.chat.BedrockConverseReasoning;

/**
 * Turns the events of one ConverseStream attempt into chat responses: one per text delta,
 * one per tool call as soon as its content block stops (its input fragments assembled),
 * and a last one with the finish reason (from {@code messageStop}) and usage and latency
 * (from {@code metadata}).
 * <p>
 * Not thread-safe: the SDK delivers one attempt's events serially.
 */
public final class ConverseStreamAssembler {

	private final String modelId;

	private final @Nullable String region;

	private final @Nullable String requestId;

	/** Whether the text is collected for {@link #aggregate()}. */
	private final boolean aggregated;

	/** The reply so far, converted as the call path converts it. */
	private final AssistantContent content;

	/**
	 * The metadata of every plain text delta of this attempt (id, model, empty usage),
	 * built on the first one: it is the same for all of them, and Spring AI's
	 * {@link ChatResponseMetadata} has no public mutators, so one instance is shared.
	 */
	private @Nullable ChatResponseMetadata textDeltaMetadata;

	/** Tool-use blocks still receiving input fragments, by content block index. */
	private final Map<Integer, PendingToolUse> pendingToolUses = new HashMap<>();

	/** Reasoning blocks still receiving deltas, by content block index. */
	private final Map<Integer, PendingReasoning> pendingReasoning = new HashMap<>();

	/** Server-side tool uses still receiving input fragments, by content block index. */
	private final Map<Integer, PendingToolUse> pendingServerToolUses = new HashMap<>();

	/** Tool results (of server-side tools) still receiving content, by block index. */
	private final Map<Integer, PendingToolResult> pendingToolResults = new HashMap<>();

	/** Generated images still receiving their source, by content block index. */
	private final Map<Integer, PendingImage> pendingImages = new HashMap<>();

	private @Nullable MessageStopEvent messageStop;

	private @Nullable ConverseStreamMetadataEvent metadata;

	/**
	 * Create an assembler for one attempt of one stream.
	 * @param modelId the model id the request was sent with
	 * @param requestId the AWS request id of this attempt, if known
	 * @param structuredOutputTool whether the structured-output tool's input is the
	 * answer text rather than a tool call
	 * @param aggregated whether {@link #aggregate()} will be called; if not, the text is
	 * not collected (nothing observes it)
	 */
	public ConverseStreamAssembler(String modelId, @Nullable String requestId, boolean structuredOutputTool,
			boolean aggregated) {
		this(modelId, null, requestId, structuredOutputTool, aggregated);
	}

	/**
	 * Create an assembler for one attempt of one stream from a known region.
	 * @param modelId the model id the request was sent with
	 * @param region the region the request was sent to, or {@code null} if unknown
	 * @param requestId the AWS request id of this attempt, if known
	 * @param structuredOutputTool whether the structured-output tool's input is the
	 * answer text rather than a tool call
	 * @param aggregated whether {@link #aggregate()} will be called
	 */
	public ConverseStreamAssembler(String modelId, @Nullable String region, @Nullable String requestId,
			boolean structuredOutputTool, boolean aggregated) {
		this.modelId = modelId;
		this.region = region;
		this.requestId = requestId;
		this.aggregated = aggregated;
		this.content = new AssistantContent(structuredOutputTool, aggregated);
	}

	/**
	 * Consume one event.
	 * @param event the event
	 * @return the response to emit for a text delta or a completed tool call, otherwise
	 * {@code null}
	 */
	public @Nullable ChatResponse onEvent(ConverseStreamOutput event) {
		if (event instanceof ContentBlockStartEvent start) {
			onStart(start.contentBlockIndex(), start.start());
			return null;
		}
		if (event instanceof ContentBlockDeltaEvent deltaEvent) {
			return onDelta(deltaEvent.contentBlockIndex(), deltaEvent.delta());
		}
		if (event instanceof ContentBlockStopEvent stop) {
			ChatResponse completed = completeBlock(stop.contentBlockIndex());
			if (completed != null) {
				return completed;
			}
			PendingReasoning reasoningBlock = this.pendingReasoning.remove(stop.contentBlockIndex());
			if (reasoningBlock != null) {
				this.content.addReasoning(reasoningBlock.complete());
				// Every block so far: aggregation keeps the last value of a metadata key.
				return response().metadataMessage(BedrockConverseMetadata.REASONING_CONTENT, this.content.reasoning())
					.build();
			}
			PendingToolUse toolUse = this.pendingToolUses.remove(stop.contentBlockIndex());
			if (toolUse == null || this.content.isStructuredOutput(toolUse.name())) {
				// The structured-output tool's input was streamed as text already.
				return null;
			}
			String input = toolUse.input().toString();
			AssistantMessage.ToolCall toolCall = this.content.addToolUse(toolUse.id(), toolUse.name(),
					input.isBlank() ? "{}" : input);
			return response().message(AssistantMessage.builder().content("").toolCalls(List.of(toolCall)).build())
				.build();
		}
		if (event instanceof MessageStopEvent stop) {
			this.messageStop = stop;
		}
		else if (event instanceof ConverseStreamMetadataEvent meta) {
			this.metadata = meta;
		}
		// messageStart and unknown future events carry nothing to emit.
		return null;
	}

	private void onStart(@Nullable Integer index, @Nullable ContentBlockStart start) {
		if (start == null) {
			return;
		}
		if (start.toolUse() != null && start.toolUse().type() == ToolUseType.SERVER_TOOL_USE) {
			var toolUse = start.toolUse();
			this.pendingServerToolUses.put(index,
					new PendingToolUse(toolUse.toolUseId(), toolUse.name(), new StringBuilder()));
		}
		else if (start.toolUse() != null) {
			var toolUse = start.toolUse();
			this.pendingToolUses.put(index,
					new PendingToolUse(toolUse.toolUseId(), toolUse.name(), new StringBuilder()));
		}
		else if (start.toolResult() != null) {
			var toolResult = start.toolResult();
			this.pendingToolResults.put(index,
					new PendingToolResult(ToolResultBlock.builder()
						.toolUseId(toolResult.toolUseId())
						.type(toolResult.type())
						.status(toolResult.statusAsString()), new ArrayList<>()));
		}
		else if (start.image() != null) {
			this.pendingImages.put(index, new PendingImage(start.image().formatAsString()));
		}
		else {
			this.content.addUnknown("contentBlockStart." + start.type(), start);
		}
	}

	/**
	 * Complete a server-side tool use, a tool result or an image whose block stopped.
	 * @param index the block index
	 * @return the response carrying it, or {@code null} if the block was none of these
	 */
	private @Nullable ChatResponse completeBlock(@Nullable Integer index) {
		PendingToolUse serverToolUse = this.pendingServerToolUses.remove(index);
		PendingToolResult toolResult = this.pendingToolResults.remove(index);
		if (serverToolUse != null || toolResult != null) {
			this.content.addServerToolContent((serverToolUse != null) ? serverToolUse.toServerToolUse()
					: ContentBlock.fromToolResult(toolResult.builder().content(toolResult.content()).build()));
			// Every block so far: aggregation keeps the last value of a metadata key.
			return response()
				.metadataMessage(BedrockConverseMetadata.SERVER_TOOL_CONTENT, this.content.serverToolContent())
				.build();
		}
		PendingImage image = this.pendingImages.remove(index);
		if (image == null) {
			return null;
		}
		Media media = this.content.addMediaBlock(image.toBlock());
		if (media == null) {
			return null;
		}
		return response().message(AssistantMessage.builder().content("").media(List.of(media)).build()).build();
	}

	private @Nullable ChatResponse onDelta(@Nullable Integer index, @Nullable ContentBlockDelta delta) {
		if (delta == null) {
			return null;
		}
		if (delta.image() != null) {
			PendingImage image = this.pendingImages.get(index);
			if (image != null) {
				image.add(delta.image());
			}
			return null;
		}
		if (delta.hasToolResult()) {
			PendingToolResult toolResult = this.pendingToolResults.get(index);
			if (toolResult != null) {
				delta.toolResult().forEach(toolResult::add);
			}
			return null;
		}
		if (delta.type() == ContentBlockDelta.Type.UNKNOWN_TO_SDK_VERSION) {
			this.content.addUnknown("contentBlockDelta." + delta.type(), delta);
			return null;
		}
		if (delta.toolUse() != null && this.pendingServerToolUses.containsKey(index)) {
			this.pendingServerToolUses.get(index).input().append(delta.toolUse().input());
			return null;
		}
		String deltaText = delta.text();
		if (delta.reasoningContent() != null) {
			return onReasoningDelta(index, delta.reasoningContent());
		}
		if (delta.citation() != null) {
			BedrockConverseCitation citation = Citations.of(delta.citation());
			this.content.addCitation(citation);
			return response().message(empty()).citations(List.of(citation)).build();
		}
		if (delta.toolUse() != null) {
			PendingToolUse toolUse = this.pendingToolUses.get(index);
			String fragment = delta.toolUse().input();
			if (toolUse == null || fragment == null) {
				return null;
			}
			toolUse.input().append(fragment);
			if (!this.content.isStructuredOutput(toolUse.name())) {
				return null;
			}
			// The forced structured-output tool's input is the answer: stream it as text.
			deltaText = fragment;
		}
		if (deltaText == null || deltaText.isEmpty()) {
			return null;
		}
		this.content.addText(deltaText);
		return textDelta(deltaText);
	}

	/**
	 * The response of one plain text delta: what {@code response().message(new
	 * AssistantMessage(deltaText)).build()} builds (equal generation and response
	 * metadata), without building the metadata anew for every delta.
	 * @param deltaText the delta text
	 * @return the response of one plain text delta
	 */
	private ChatResponse textDelta(String deltaText) {
		ChatResponseMetadata metadata = this.textDeltaMetadata;
		if (metadata == null) {
			metadata = response().build().getMetadata();
			this.textDeltaMetadata = metadata;
		}
		return new ChatResponse(List.of(new Generation(new AssistantMessage(deltaText), ChatGenerationMetadata.NULL)),
				metadata);
	}

	private @Nullable ChatResponse onReasoningDelta(@Nullable Integer index, ReasoningContentBlockDelta delta) {
		PendingReasoning block = this.pendingReasoning.computeIfAbsent(index, (i) -> new PendingReasoning());
		BedrockConverseReasoning piece;
		if (delta.redactedContent() != null) {
			byte[] bytes = delta.redactedContent().asByteArray();
			block.redacted.writeBytes(bytes);
			piece = BedrockConverseReasoning.redacted(bytes);
		}
		else if (delta.signature() != null) {
			block.signature = delta.signature();
			piece = new BedrockConverseReasoning(null, delta.signature(), null);
		}
		else if (delta.text() != null) {
			block.text.append(delta.text());
			piece = BedrockConverseReasoning.text(delta.text(), null);
		}
		else {
			return null;
		}
		return response().metadataMessage(BedrockConverseMetadata.REASONING_DELTA, piece).build();
	}

	/**
	 * The message of responses that carry no text.
	 * @return the message of a response that carries no text
	 */
	private static AssistantMessage empty() {
		return AssistantMessage.builder().content("").toolCalls(List.of()).build();
	}

	private ConverseResponseMapper.ResponseBuilder response() {
		return ConverseResponseMapper.response(this.modelId, this.requestId).region(this.region);
	}

	/**
	 * The last response, once the event stream has completed.
	 * @return the response with the finish reason, usage and latency, and empty text
	 * @throws IllegalStateException if the stream ended without {@code messageStop} or
	 * {@code metadata}, i.e. was cut short: that must not look like a success
	 */
	public ChatResponse complete() {
		return finalResponse(this.content.toClosingMessage());
	}

	/**
	 * The whole reply as one response (all text deltas concatenated, all tool calls), for
	 * observations.
	 * @return the aggregated response
	 * @throws IllegalStateException like {@link #complete()}, or if this assembler was
	 * created not to aggregate
	 */
	public ChatResponse aggregate() {
		if (!this.aggregated) {
			throw new IllegalStateException("This stream's text was not collected");
		}
		return finalResponse(this.content.toMessage());
	}

	private ChatResponse finalResponse(AssistantMessage message) {
		MessageStopEvent stop = this.messageStop;
		ConverseStreamMetadataEvent meta = this.metadata;
		if (stop == null || meta == null) {
			throw new IllegalStateException("The ConverseStream event stream ended without "
					+ ((stop != null) ? "a metadata event" : "a messageStop event") + " (request id " + this.requestId
					+ "); the response is incomplete");
		}
		TokenUsage usage = meta.usage();
		Long latencyMs = (meta.metrics() != null) ? meta.metrics().latencyMs() : null;
		return response().message(message)
			.finishReason(FinishReasons.fromStopReason(stop.stopReason(), stop.stopReasonAsString()))
			.usage(usage)
			.latencyMs(latencyMs)
			.additionalModelResponseFields(stop.additionalModelResponseFields())
			.citations(this.content.citations())
			.guardrailTrace((meta.trace() != null) ? meta.trace().guardrail() : null)
			.served(meta.serviceTier(), meta.performanceConfig(),
					(meta.trace() != null) ? meta.trace().promptRouter() : null)
			.build();
	}

	private record PendingToolUse(String id, String name, StringBuilder input) {

		ContentBlock toServerToolUse() {
			String json = this.input.toString();
			return ContentBlock.fromToolUse(ToolUseBlock.builder()
				.toolUseId(this.id)
				.name(this.name)
				.type(ToolUseType.SERVER_TOOL_USE)
				.input(JsonDocuments.fromJson(json.isBlank() ? "{}" : json, "The input of server tool use " + this.id))
				.build());
		}

	}

	/** A tool result block so far: its start and its content pieces. */
	private record PendingToolResult(ToolResultBlock.Builder builder, List<ToolResultContentBlock> content) {

		void add(ToolResultBlockDelta delta) {
			if (delta.text() != null) {
				this.content.add(ToolResultContentBlock.fromText(delta.text()));
			}
			else if (delta.json() != null) {
				this.content.add(ToolResultContentBlock.fromJson(delta.json()));
			}
		}

	}

	/** A generated image so far: its format, then its bytes, S3 location or error. */
	private static final class PendingImage {

		private final @Nullable String format;

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		private @Nullable ImageSource source;

		private @Nullable ErrorBlock error;

		PendingImage(@Nullable String format) {
			this.format = format;
		}

		void add(ImageBlockDelta delta) {
			if (delta.error() != null) {
				this.error = delta.error();
			}
			ImageSource piece = delta.source();
			if (piece != null && piece.bytes() != null) {
				this.bytes.writeBytes(piece.bytes().asByteArrayUnsafe());
			}
			else if (piece != null) {
				this.source = piece;
			}
		}

		ContentBlock toBlock() {
			ImageSource whole = (this.bytes.size() > 0)
					? ImageSource.fromBytes(SdkBytes.fromByteArray(this.bytes.toByteArray())) : this.source;
			return ContentBlock
				.fromImage(ImageBlock.builder().format(this.format).source(whole).error(this.error).build());
		}

	}

	/** The text, signature or redacted bytes of one reasoning block so far. */
	private static final class PendingReasoning {

		private final StringBuilder text = new StringBuilder();

		private final java.io.ByteArrayOutputStream redacted = new java.io.ByteArrayOutputStream();

		private @Nullable String signature;

		BedrockConverseReasoning complete() {
			return (this.redacted.size() > 0) ? BedrockConverseReasoning.redacted(this.redacted.toByteArray())
					: BedrockConverseReasoning.text(this.text.toString(), this.signature);
		}

	}

}
