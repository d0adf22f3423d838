/**
 * The opt-in health indicator of the Bedrock Converse models.
 */
@NullMarked
package dev.bedrockconverse.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
