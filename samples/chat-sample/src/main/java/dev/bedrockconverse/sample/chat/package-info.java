/**
 * A Spring Boot web app that chats with Amazon Bedrock through the auto-configured
 * {@code ChatModel}.
 */
package dev.bedrockconverse.sample.chat;
