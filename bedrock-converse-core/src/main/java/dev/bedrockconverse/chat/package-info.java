/**
 * The API: {@link dev.bedrockconverse.chat.ChatBedrockConverse}, a Spring AI
 * {@link org.springframework.ai.chat.model.ChatModel} over the Amazon Bedrock Converse
 * and ConverseStream APIs, built directly on the AWS SDK for Java v2; its options
 * {@link dev.bedrockconverse.chat.BedrockConverseChatOptions} and their value types; the
 * message and response metadata keys it reads and writes; and the exceptions it throws.
 * <p>
 * Observation support lives in {@code dev.bedrockconverse.chat.observation}; the
 * machinery (mappers, stream assembly, validation, JSON and media conversion) in
 * {@code dev.bedrockconverse.chat.internal}, which is not API.
 */
@NullMarked
package dev.bedrockconverse.chat;

import org.jspecify.annotations.NullMarked;
