package dev.bedrockconverse.chat.aot;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.metadata.DefaultChatGenerationMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.metadata.EmptyRateLimit;
import org.springframework.ai.chat.metadata.EmptyUsage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

import dev.bedrockconverse.chat.BedrockConverseCitation;
import dev.bedrockconverse.chat.BedrockConverseMetadata;
import dev.bedrockconverse.chat.BedrockConverseReasoning;
import dev.bedrockconverse.chat.BedrockConverseToolResult;
import dev.bedrockconverse.chat.ChatBedrockConverse;

/**
 * The runtime hints of the core, registered through {@code META-INF/spring/aot.factories}
 * so that every application using {@link ChatBedrockConverse} gets them when it is
 * processed ahead of time.
 * <p>
 * What reaches the core's types reflectively is Jackson writing a {@link ChatResponse}
 * (Spring AI's {@code SimpleLoggerAdvisor} logs every response that way): it reads the
 * response, its generations, their metadata and usage (the concrete Spring AI types the
 * core builds, which Spring AI registers no hints for), and the reasoning blocks
 * ({@link BedrockConverseReasoning}) that the core puts in the assistant message's
 * metadata under {@link BedrockConverseMetadata#REASONING_CONTENT} and
 * {@link BedrockConverseMetadata#REASONING_DELTA}, and the citations
 * ({@link BedrockConverseCitation}) it puts there under
 * {@link BedrockConverseMetadata#CITATIONS}. Everything else the core needs is reached
 * without reflection: the options, exceptions and value types are built and read in code,
 * the SDK's fields are walked through its generated accessors, and JSON is handled as
 * trees. The one input type Jackson writes is a tool's {@link BedrockConverseToolResult}
 * (through its {@code @JsonValue} method).
 */
public class BedrockConverseRuntimeHints implements RuntimeHintsRegistrar {

	private static final Class<?>[] SERIALIZED_RESPONSE_TYPES = { ChatResponse.class,
			DefaultChatGenerationMetadata.class, DefaultUsage.class, EmptyUsage.class, EmptyRateLimit.class,
			BedrockConverseReasoning.class, BedrockConverseCitation.class };

	private final BindingReflectionHintsRegistrar bindingRegistrar = new BindingReflectionHintsRegistrar();

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		this.bindingRegistrar.registerReflectionHints(hints.reflection(), SERIALIZED_RESPONSE_TYPES);
		// A @Tool method's BedrockConverseToolResult: Spring AI writes it with Jackson,
		// which calls its @JsonValue method.
		hints.reflection()
			.registerType(BedrockConverseToolResult.class,
					(type) -> type.withMethod("toJsonObject", List.of(), ExecutableMode.INVOKE));
	}

}
