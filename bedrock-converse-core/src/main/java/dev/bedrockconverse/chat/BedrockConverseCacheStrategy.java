package dev.bedrockconverse.chat;

/**
 * Where {@link ChatBedrockConverse} puts prompt-caching cache points ({@code cachePoint}
 * blocks) on its own. Messages can also carry an explicit cache point (metadata
 * {@link BedrockConverseMetadata#CACHE_POINT} = {@code true}); together never more than
 * Bedrock's four.
 */
public enum BedrockConverseCacheStrategy {

	/** No automatic cache points (explicit ones still apply). */
	NONE,

	/** After the system prompt, when there is one. */
	SYSTEM,

	/** After the tool definitions, when there are any. */
	TOOLS,

	/** After the system prompt and after the tool definitions. */
	SYSTEM_AND_TOOLS,

	/**
	 * After the system prompt, the tool definitions and the last message: the whole
	 * conversation so far is cached for the next turn.
	 */
	CONVERSATION_HISTORY

}
