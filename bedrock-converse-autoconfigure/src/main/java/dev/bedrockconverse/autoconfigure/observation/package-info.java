/**
 * Auto-configuration of observations and meters of Bedrock Converse: Spring AI's token
 * meter handler, Bedrock's meter handler and SDK metric publisher, the OpenTelemetry
 * GenAI histograms chosen by the metric conventions, the CLIENT span handler, and the
 * optional prompt and completion content filters.
 */
@NullMarked
package dev.bedrockconverse.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
