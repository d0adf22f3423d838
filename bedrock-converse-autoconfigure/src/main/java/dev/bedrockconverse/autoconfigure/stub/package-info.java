/**
 * Auto-configuration of a Bedrock stub as the application's Bedrock, for the tests of
 * applications ({@code @AutoConfigureBedrockStub}) and for samples: only active when
 * imported, and only when {@code bedrock-converse-test} is on the classpath.
 */
@NullMarked
package dev.bedrockconverse.autoconfigure.stub;

import org.jspecify.annotations.NullMarked;
