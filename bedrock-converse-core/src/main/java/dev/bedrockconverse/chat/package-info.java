/**
 * A Spring AI {@link org.springframework.ai.chat.model.ChatModel} over the Amazon Bedrock
 * Converse and ConverseStream APIs, built directly on the AWS SDK for Java v2.
 * <p>
 * The public entry points are {@link dev.bedrockconverse.chat.ChatBedrockConverse} and
 * {@link dev.bedrockconverse.chat.BedrockConverseChatOptions}; everything else is
 * package-private.
 */
@NullMarked
package dev.bedrockconverse.chat;

import org.jspecify.annotations.NullMarked;
