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
	 * holds all of them. The same key on the
	 * {@link org.springframework.ai.chat.messages.AssistantMessage} (call: the message;
	 * stream: the last response's message) holds all of them too, and an assistant
	 * message carrying it in a later request is sent back as one {@code citationsContent}
	 * block: its text with these citations and their locations.
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
	 * {@link org.springframework.ai.chat.messages.UserMessage} metadata key: a
	 * {@code List<BedrockConverseSearchResult>} sent as {@code searchResult} blocks after
	 * the message's media, before its text. Citations of them come back with the location
	 * type {@code searchResultLocation}.
	 */
	public static final String SEARCH_RESULTS = "bedrockConverse.searchResults";

	/**
	 * {@link org.springframework.ai.chat.messages.UserMessage} metadata key: a
	 * {@code Map<String, String>} from a document's name (the attachment's {@code Media}
	 * name as given, or a {@link #DOCUMENT_CHUNKS} name) to its {@code context}, extra
	 * text the model reads with the document.
	 */
	public static final String DOCUMENT_CONTEXT = "bedrockConverse.documentContext";

	/**
	 * {@link org.springframework.ai.chat.messages.UserMessage} metadata key: a
	 * {@code Map<String, List<String>>} from a document name to its text chunks, each
	 * sent as a {@code txt} document whose {@code source.content} holds one text block
	 * per chunk (citations then point at chunks). Counted with the media against the
	 * limit of five documents.
	 */
	public static final String DOCUMENT_CHUNKS = "bedrockConverse.documentChunks";

	/**
	 * {@link org.springframework.ai.chat.messages.UserMessage} metadata key: the 12-digit
	 * AWS account id that owns the S3 buckets of the message's {@code s3://} media, sent
	 * as {@code s3Location.bucketOwner} of every such image, document, video and audio.
	 */
	public static final String S3_BUCKET_OWNER = "bedrockConverse.s3BucketOwner";

	/**
	 * {@link org.springframework.ai.chat.messages.UserMessage} metadata key:
	 * {@code Boolean.TRUE} sends the message's images (png or jpeg, as bytes) as
	 * {@code guardContent} image blocks, so the guardrail assesses them.
	 */
	public static final String GUARD_CONTENT_IMAGES = "bedrockConverse.guardContentImages";

	/**
	 * {@link org.springframework.ai.chat.messages.AssistantMessage} metadata key of the
	 * server-side tool use the model ran itself (Bedrock system tools such as
	 * {@code nova_code_interpreter}): a {@code List} of the SDK's
	 * {@link software.amazon.awssdk.services.bedrockruntime.model.ContentBlock}s, the
	 * {@code toolUse} blocks of {@code type server_tool_use} and the {@code toolResult}
	 * blocks the model returned, in the order it returned them. They are never tool calls
	 * (nothing on the client runs them) and are sent back intact, before the text, when
	 * the message is part of a later request. In a stream it is emitted each time such a
	 * block completes, holding every block so far, and on the last response.
	 */
	public static final String SERVER_TOOL_CONTENT = "serverToolContent";

	/**
	 * {@link org.springframework.ai.chat.messages.AssistantMessage} metadata key of the
	 * response content that is neither text nor media: a {@code List} of the SDK's
	 * {@link software.amazon.awssdk.services.bedrockruntime.model.ContentBlock}s (for
	 * example {@code searchResult} blocks, or media Bedrock returned with an error or no
	 * source). Generated images, documents, videos and audio with bytes or an S3 location
	 * are the message's {@code Media} instead.
	 */
	public static final String OUTPUT_CONTENT = "outputContent";

	/**
	 * {@link org.springframework.ai.chat.messages.AssistantMessage} metadata key of the
	 * response content of a kind this library does not map yet: a {@code List} of the SDK
	 * objects that carried it (a {@code ContentBlock} in a Converse response, a
	 * {@code ContentBlockStart} or {@code ContentBlockDelta} in a stream; an SDK that
	 * does not know the kind either reports it as {@code UNKNOWN_TO_SDK_VERSION}). Kept
	 * rather than dropped, and logged once per kind at WARN.
	 */
	public static final String UNKNOWN_CONTENT = "unknownContent";

	/**
	 * {@link org.springframework.ai.chat.metadata.ChatResponseMetadata} key of the
	 * service tier Bedrock served the request with ({@code serviceTier.type}, e.g.
	 * {@code priority}, {@code default} or {@code flex}): a {@code String}. In a stream,
	 * on the last response (from the {@code metadata} event).
	 */
	public static final String SERVICE_TIER = "serviceTier";

	/**
	 * {@link org.springframework.ai.chat.metadata.ChatResponseMetadata} key of the
	 * latency configuration Bedrock served the request with
	 * ({@code performanceConfig.latency}, {@code standard} or {@code optimized}): a
	 * {@code String}. In a stream, on the last response.
	 */
	public static final String PERFORMANCE_CONFIG_LATENCY = "performanceConfigLatency";

	/**
	 * {@link org.springframework.ai.chat.metadata.ChatResponseMetadata} key of the model
	 * a prompt router sent the request to ({@code trace.promptRouter.invokedModelId}): a
	 * {@code String}. The response's model
	 * ({@link org.springframework.ai.chat.metadata.ChatResponseMetadata#getModel()}, and
	 * so the observation's {@code gen_ai.response.model}) is then this model. In a
	 * stream, on the last response.
	 */
	public static final String PROMPT_ROUTER_INVOKED_MODEL_ID = "promptRouterInvokedModelId";

	/**
	 * {@link org.springframework.ai.chat.metadata.ChatResponseMetadata} key of the
	 * repairs made to the conversation's history before it was sent, when history repair
	 * is on ({@code ChatBedrockConverse.builder().historyRepair(true)}, property
	 * {@code bedrock.converse.history-repair}): a {@code List<String>} of short
	 * descriptions naming the original message indexes, e.g. {@code dropped messages[0]
	 * (assistant) at the start of the history: ...}. Absent when nothing was repaired. In
	 * a stream, on every response.
	 */
	public static final String HISTORY_REPAIRS = "historyRepairs";

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
