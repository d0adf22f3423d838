/**
 * Spring Boot auto-configuration for {@code ChatBedrockConverse}, the Spring AI chat
 * model over the Amazon Bedrock Converse API: {@code bedrock.converse.*} properties, AWS
 * credentials and region, the Bedrock Runtime SDK clients, observations, start-up failure
 * analysis and masking of secrets in actuator endpoints.
 */
@NullMarked
package dev.bedrockconverse.autoconfigure;

import org.jspecify.annotations.NullMarked;
