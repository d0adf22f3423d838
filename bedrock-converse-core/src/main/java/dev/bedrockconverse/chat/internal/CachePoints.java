package dev.bedrockconverse.chat.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.MessageType;

import dev.bedrockconverse.chat.BedrockConverseCacheStrategy;
import dev.bedrockconverse.chat.BedrockConverseChatOptions;
import dev.bedrockconverse.chat.BedrockConverseMetadata;

/**
 * Where a request's cache points go: after every message marked with
 * {@link BedrockConverseMetadata#CACHE_POINT}, plus the ones the cache strategy adds
 * where none is already. {@link ConverseRequestMapper} places them from this plan and
 * {@link PromptValidator} checks its {@link #count()} against Bedrock's limit, so both
 * read the same facts.
 *
 * @param marked the number of messages marked with a cache point
 * @param afterSystem whether the strategy adds one after the system prompts
 * @param afterTools whether the strategy adds one after the tools
 * @param afterLastMessage whether the strategy adds one after the last message
 */
record CachePoints(int marked, boolean afterSystem, boolean afterTools, boolean afterLastMessage) {

	/** Bedrock's limit on cache points per request. */
	static final int MAX = 4;

	/**
	 * Plan the cache points of a request.
	 * @param instructions the prompt's messages
	 * @param options the merged options
	 * @param toolConfig whether the request has a tool configuration
	 * @return the plan
	 */
	static CachePoints of(List<Message> instructions, BedrockConverseChatOptions options, boolean toolConfig) {
		BedrockConverseCacheStrategy strategy = strategy(options);
		int marked = 0;
		Message lastSystem = null;
		Message lastTurn = null;
		for (Message message : instructions) {
			if (isMarked(message)) {
				marked++;
			}
			if (message.getMessageType() == MessageType.SYSTEM) {
				lastSystem = message;
			}
			else {
				lastTurn = message;
			}
		}
		boolean cacheSystem = strategy == BedrockConverseCacheStrategy.SYSTEM
				|| strategy == BedrockConverseCacheStrategy.SYSTEM_AND_TOOLS
				|| strategy == BedrockConverseCacheStrategy.CONVERSATION_HISTORY;
		boolean cacheTools = strategy == BedrockConverseCacheStrategy.TOOLS
				|| strategy == BedrockConverseCacheStrategy.SYSTEM_AND_TOOLS
				|| strategy == BedrockConverseCacheStrategy.CONVERSATION_HISTORY;
		// System prompts go out of band and the turns' blocks in order, so the last block
		// of each is a cache point exactly when its last message is marked.
		return new CachePoints(marked, cacheSystem && notMarked(lastSystem), cacheTools && toolConfig,
				strategy == BedrockConverseCacheStrategy.CONVERSATION_HISTORY && notMarked(lastTurn));
	}

	/**
	 * The options' cache strategy, {@link BedrockConverseCacheStrategy#NONE} when unset.
	 * @param options the merged options
	 * @return the strategy
	 */
	static BedrockConverseCacheStrategy strategy(BedrockConverseChatOptions options) {
		return (options.getCacheStrategy() != null) ? options.getCacheStrategy() : BedrockConverseCacheStrategy.NONE;
	}

	/**
	 * Whether a message is marked with {@link BedrockConverseMetadata#CACHE_POINT}.
	 * @param message the message
	 * @return whether a cache point follows it
	 */
	static boolean isMarked(Message message) {
		return Boolean.TRUE.equals(message.getMetadata().get(BedrockConverseMetadata.CACHE_POINT));
	}

	private static boolean notMarked(@Nullable Message message) {
		return message != null && !isMarked(message);
	}

	/**
	 * The number of cache points the request will have.
	 * @return the count
	 */
	int count() {
		return this.marked + (this.afterSystem ? 1 : 0) + (this.afterTools ? 1 : 0) + (this.afterLastMessage ? 1 : 0);
	}

}
