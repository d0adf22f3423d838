/**
 * Observation support for {@link dev.bedrockconverse.chat.ChatBedrockConverse}: the
 * {@link dev.bedrockconverse.chat.observation.BedrockConverseObservationConvention} that
 * names and tags the {@code gen_ai.client.operation} observations, and the
 * {@link dev.bedrockconverse.chat.observation.BedrockConverseObservationDetails} that a
 * model attaches to each observation context (operation, region, server, conversation id,
 * time to first chunk) for handlers and filters to read, and the handlers: Bedrock's own
 * meters, the OpenTelemetry GenAI histograms and the CLIENT spans (the last needs
 * Micrometer Tracing). Needs Micrometer only, no Spring Boot.
 */
@NullMarked
package dev.bedrockconverse.chat.observation;

import org.jspecify.annotations.NullMarked;
