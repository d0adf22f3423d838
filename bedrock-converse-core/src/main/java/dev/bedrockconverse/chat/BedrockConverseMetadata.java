package dev.bedrockconverse.chat;

/**
 * The metadata keys {@link ChatBedrockConverse} reads from messages and writes to
 * messages and responses, in one place. Keys a caller sets on a message to ask for
 * Bedrock-specific behaviour are prefixed {@code bedrockConverse.}; keys of response
 * values are plain names.
 */
public final class BedrockConverseMetadata {

	/**
	 * {@link org.springframework.ai.chat.messages.ToolResponseMessage} metadata key: the
	 * ids (a collection of strings, or one string) of the tool calls whose tool failed.
	 * Their {@code toolResult} blocks are sent with {@code status: error}. Spring AI
	 * 2.0.1's {@code ToolResponse} has no failure flag of its own (a failed tool's
	 * message is its result text), so this is how a caller marks a failure;
	 * {@link FailureMarkingToolCallingManager} does it for {@code ChatClient}'s tool
	 * loop.
	 */
	public static final String FAILED_TOOL_CALL_IDS = "bedrockConverse.failedToolCallIds";

	/**
	 * {@link org.springframework.ai.chat.metadata.ChatResponseMetadata} key of the
	 * model-specific response fields requested with
	 * {@code additionalModelResponseFieldPaths}: a map of plain Java values.
	 */
	public static final String ADDITIONAL_MODEL_RESPONSE_FIELDS = "additionalModelResponseFields";

	/**
	 * {@link org.springframework.ai.chat.messages.AssistantMessage} metadata key of the
	 * model's complete reasoning blocks: a {@code List<BedrockConverseReasoning>}. Sent
	 * back as {@code reasoningContent} (with signatures) when the message is part of a
	 * later request. In a stream it is emitted each time a reasoning block completes,
	 * holding every block completed so far, so Spring AI's message aggregation (which
	 * keeps the last value of a key) ends with all of them.
	 */
	public static final String REASONING_CONTENT = "reasoningContent";

	/**
	 * {@link org.springframework.ai.chat.messages.AssistantMessage} metadata key of one
	 * streamed piece of reasoning (a {@link BedrockConverseReasoning} with this piece's
	 * text, signature or redacted content); the response's text is empty.
	 */
	public static final String REASONING_DELTA = "reasoningDelta";

	/**
	 * Message metadata key: {@code Boolean.TRUE} puts a prompt-caching {@code cachePoint}
	 * right after that message's content (for a system message, after its system block).
	 * Counted with the cache strategy's points against Bedrock's limit of four.
	 */
	public static final String CACHE_POINT = "bedrockConverse.cachePoint";

	/**
	 * {@link org.springframework.ai.chat.metadata.ChatResponseMetadata} key of the
	 * citations of the answer: a {@code List<BedrockConverseCitation>}. In a stream, each
	 * citation delta is emitted as it arrives (a one-element list) and the last response
	 * holds all of them.
	 */
	public static final String CITATIONS = "citations";

	/**
	 * {@link org.springframework.ai.chat.metadata.ChatResponseMetadata} key of the
	 * guardrail trace when a guardrail with trace enabled ran: the SDK's
	 * {@link software.amazon.awssdk.services.bedrockruntime.model.GuardrailTraceAssessment}.
	 */
	public static final String GUARDRAIL_TRACE = "guardrailTrace";

	/**
	 * User or system message metadata key: send that message's text as a
	 * {@code guardContent} block, so the guardrail evaluates only marked content. The
	 * value is {@code Boolean.TRUE} (no qualifiers) or a collection of qualifiers
	 * ({@code grounding_source}, {@code query}, {@code guard_content}, as strings or
	 * {@link software.amazon.awssdk.services.bedrockruntime.model.GuardrailConverseContentQualifier}).
	 */
	public static final String GUARD_CONTENT = "bedrockConverse.guardContent";

	/**
	 * {@link org.springframework.ai.chat.metadata.ChatResponseMetadata} key of Bedrock's
	 * server-side latency in milliseconds: a {@code Long}.
	 */
	public static final String LATENCY_MS = "latencyMs";

	/**
	 * {@link org.springframework.ai.chat.metadata.ChatResponseMetadata} key of the AWS
	 * region that answered: a {@code String} such as {@code us-west-2}, the client's
	 * region unless a per-request region or a fallback sent the request elsewhere.
	 * Together with {@code ChatResponseMetadata.getModel()} (the model id the answer came
	 * from) it says where a request that failed over was answered; in a stream every
	 * response carries it.
	 */
	public static final String REGION = "region";

	private BedrockConverseMetadata() {
	}

}
