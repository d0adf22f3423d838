/**
 * The machinery behind {@link dev.bedrockconverse.chat.ChatBedrockConverse}: NOT API.
 * <p>
 * The types here are public Java types only so that the API package can use them; they
 * may change or disappear in any release. Applications must not use them (an ArchUnit
 * rule keeps the other modules of this project off them, the benchmarks excepted).
 * <p>
 * A request takes one path through this package: {@code OptionsMerger} merges the
 * prompt's options over the model's defaults, {@code PromptValidator} checks the
 * conversation, {@code ConverseRequestMapper} maps it to a {@code ConverseRequest} (and
 * derives the {@code ConverseStreamRequest} from it), and the reply comes back through
 * {@code ConverseResponseMapper} (call) or {@code ConverseStreamFlux} and
 * {@code ConverseStreamAssembler} (stream), both converting content blocks with the same
 * code. {@code JsonDocuments}, {@code MediaBlocks} and {@code Citations} convert values;
 * {@code BedrockErrorTranslator}, {@code ErrorTypes} and {@code FinishReasons} translate
 * Bedrock's errors and stop reasons.
 */
@NullMarked
package dev.bedrockconverse.chat.internal;

import org.jspecify.annotations.NullMarked;
