/**
 * Auto-configuration of {@code ChatBedrockConverse}, the Spring AI chat model over the
 * Amazon Bedrock Converse API, with its default options from {@code bedrock.converse.*}.
 */
@NullMarked
package dev.bedrockconverse.autoconfigure.chat;

import org.jspecify.annotations.NullMarked;
