package dev.bedrockconverse.autoconfigure.chat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.observation.ChatModelObservationConvention;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.test.util.ReflectionTestUtils;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailStreamProcessingMode;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailTrace;
import software.amazon.awssdk.services.bedrockruntime.model.PerformanceConfigLatency;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceTierType;

import dev.bedrockconverse.autoconfigure.BedrockConverseContextRunners;
import dev.bedrockconverse.chat.BedrockConverseCacheStrategy;
import dev.bedrockconverse.chat.BedrockConverseChatOptions;
import dev.bedrockconverse.chat.BedrockConverseGuardrail;
import dev.bedrockconverse.chat.BedrockConverseModelQuirks;
import dev.bedrockconverse.chat.BedrockConverseToolChoice;
import dev.bedrockconverse.chat.ChatBedrockConverse;
import dev.bedrockconverse.chat.StructuredOutputMode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BedrockConverseChatAutoConfiguration}.
 */
class BedrockConverseChatAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = BedrockConverseContextRunners.chat();

	@Test
	void createsTheChatModelWithBothClients() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ChatBedrockConverse.class).hasSingleBean(ChatModel.class);
			ChatBedrockConverse model = context.getBean(ChatBedrockConverse.class);
			assertThat(ReflectionTestUtils.getField(model, "client"))
				.isSameAs(context.getBean(BedrockRuntimeClient.class));
			assertThat(ReflectionTestUtils.getField(model, "asyncClient"))
				.isSameAs(context.getBean(BedrockRuntimeAsyncClient.class));
		});
	}

	@Test
	void modelPropertyBecomesTheDefaultModel() {
		this.contextRunner.run((context) -> assertThat(context.getBean(ChatBedrockConverse.class).getDefaultOptions())
			.isEqualTo(BedrockConverseChatOptions.builder().model(BedrockConverseContextRunners.MODEL).build()));
	}

	@Test
	void optionsPropertiesBecomeTheDefaultOptions() {
		this.contextRunner
			.withPropertyValues("bedrock.converse.options.max-tokens=256", "bedrock.converse.options.temperature=0.2",
					"bedrock.converse.options.top-p=0.8", "bedrock.converse.options.stop-sequences[0]=END",
					"bedrock.converse.options.stop-sequences[1]=STOP")
			.run((context) -> {
				BedrockConverseChatOptions options = context.getBean(ChatBedrockConverse.class).getDefaultOptions();
				assertThat(options.getModel()).isEqualTo(BedrockConverseContextRunners.MODEL);
				assertThat(options.getMaxTokens()).isEqualTo(256);
				assertThat(options.getTemperature()).isEqualTo(0.2);
				assertThat(options.getTopP()).isEqualTo(0.8);
				assertThat(options.getStopSequences()).containsExactly("END", "STOP");
			});
	}

	@Test
	void toolStructuredOutputAndRequestOptionsBecomeTheDefaultOptions() {
		this.contextRunner.withPropertyValues("bedrock.converse.options.tool-choice=tool:get_weather",
				"bedrock.converse.options.structured-output-mode=tool",
				"bedrock.converse.options.additional-model-response-field-paths[0]=/stop_sequence",
				"bedrock.converse.options.request-metadata.team=search",
				"bedrock.converse.options.performance-latency=optimized", "bedrock.converse.options.service-tier=flex",
				"bedrock.converse.options.prompt-variables.genre=jazz",
				"bedrock.converse.options.guardrail.identifier=gr-123", "bedrock.converse.options.guardrail.version=2",
				"bedrock.converse.options.guardrail.trace=enabled",
				"bedrock.converse.options.guardrail.stream-processing-mode=async",
				"bedrock.converse.options.reasoning.budget-tokens=2048",
				"bedrock.converse.options.reasoning.effort=high",
				"bedrock.converse.options.model-family=anthropic.claude-opus-4-5",
				"bedrock.converse.options.model-quirks.anthropic.forced-tool-with-reasoning=true",
				"bedrock.converse.options.cache-strategy=system-and-tools", "bedrock.converse.options.cache-ttl=1h",
				"bedrock.converse.options.document-citations=true", "bedrock.converse.options.tool-strict=true",
				"bedrock.converse.options.system-tools=nova_grounding,nova_code_interpreter")
			.run((context) -> {
				BedrockConverseChatOptions options = context.getBean(ChatBedrockConverse.class).getDefaultOptions();
				assertThat(options.getToolChoice()).isEqualTo(BedrockConverseToolChoice.tool("get_weather"));
				assertThat(options.getStructuredOutputMode()).isEqualTo(StructuredOutputMode.TOOL);
				assertThat(options.getAdditionalModelResponseFieldPaths()).containsExactly("/stop_sequence");
				assertThat(options.getRequestMetadata()).containsExactly(Map.entry("team", "search"));
				assertThat(options.getPerformanceLatency()).isEqualTo(PerformanceConfigLatency.OPTIMIZED);
				assertThat(options.getServiceTier()).isEqualTo(ServiceTierType.FLEX);
				assertThat(options.getPromptVariables()).containsExactly(Map.entry("genre", "jazz"));
				assertThat(options.getGuardrail()).isEqualTo(new BedrockConverseGuardrail("gr-123", "2",
						GuardrailTrace.ENABLED, GuardrailStreamProcessingMode.ASYNC));
				assertThat(options.getReasoning())
					.isEqualTo(new BedrockConverseChatOptions.Reasoning(null, 2048, "high"));
				assertThat(options.getModelFamily()).isEqualTo("anthropic.claude-opus-4-5");
				assertThat(options.getModelQuirks()).containsExactly(
						Map.entry("anthropic", new BedrockConverseModelQuirks(null, null, null, true, null)));
				assertThat(options.getCacheStrategy()).isEqualTo(BedrockConverseCacheStrategy.SYSTEM_AND_TOOLS);
				assertThat(options.getCacheTtl()).isEqualTo(java.time.Duration.ofHours(1));
				assertThat(options.getDocumentCitations()).isTrue();
				assertThat(options.getToolStrict()).isTrue();
				assertThat(options.getSystemTools()).containsExactly("nova_grounding", "nova_code_interpreter");
			});
	}

	@Test
	void additionalModelRequestFieldsFromYamlKeepNestingNumbersAndBooleans() {
		this.contextRunner.withInitializer((applicationContext) -> {
			try {
				var sources = new YamlPropertySourceLoader().load("test.yaml", new ByteArrayResource("""
						bedrock.converse.options.additional-model-request-fields:
						  top_k: 50
						  thinking:
						    type: enabled
						    budget_tokens: 2048
						  inference:
						    ratio: 0.5
						    cached: true
						""".getBytes(StandardCharsets.UTF_8)));
				sources.forEach(applicationContext.getEnvironment().getPropertySources()::addFirst);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}).run((context) -> {
			Map<String, Object> fields = context.getBean(ChatBedrockConverse.class)
				.getDefaultOptions()
				.getAdditionalModelRequestFields();
			assertThat(fields).containsEntry("top_k", 50);
			assertThat(fields.get("thinking")).isEqualTo(Map.of("type", "enabled", "budget_tokens", 2048));
			assertThat(fields.get("inference")).isEqualTo(Map.of("ratio", 0.5, "cached", true));
		});
	}

	@Test
	void unsetOptionsStayUnset() {
		this.contextRunner.run((context) -> {
			BedrockConverseChatOptions options = context.getBean(ChatBedrockConverse.class).getDefaultOptions();
			assertThat(options.getMaxTokens()).isNull();
			assertThat(options.getTemperature()).isNull();
			assertThat(options.getTopP()).isNull();
			assertThat(options.getStopSequences()).isNull();
			assertThat(options.getToolChoice()).isNull();
			assertThat(options.getAdditionalModelRequestFields()).isNull();
			assertThat(options.getRequestMetadata()).isNull();
			assertThat(options.getGuardrail()).isNull();
		});
	}

	@Test
	void withoutObservationRegistryUsesTheNoopRegistry() {
		this.contextRunner.run((context) -> assertThat(
				ReflectionTestUtils.getField(context.getBean(ChatBedrockConverse.class), "observationRegistry"))
			.isSameAs(ObservationRegistry.NOOP));
	}

	@Test
	void usesTheApplicationsObservationRegistry() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.contextRunner.withBean(ObservationRegistry.class, () -> registry)
			.run((context) -> assertThat(
					ReflectionTestUtils.getField(context.getBean(ChatBedrockConverse.class), "observationRegistry"))
				.isSameAs(registry));
	}

	@Test
	void usesTheApplicationsObservationConvention() {
		ChatModelObservationConvention convention = new DefaultChatModelObservationConvention();
		this.contextRunner.withBean(ChatModelObservationConvention.class, () -> convention)
			.run((context) -> assertThat(
					ReflectionTestUtils.getField(context.getBean(ChatBedrockConverse.class), "observationConvention"))
				.isSameAs(convention));
	}

	@Test
	void backsOffFromAUserDefinedChatModel() {
		ChatBedrockConverse mine = ChatBedrockConverse.builder().build();
		this.contextRunner.withBean("myChatModel", ChatBedrockConverse.class, () -> mine)
			.run((context) -> assertThat(context).hasSingleBean(ChatBedrockConverse.class)
				.getBean(ChatBedrockConverse.class)
				.isSameAs(mine));
	}

	@Test
	void userDefinedChatModelNeedsNoModelProperty() {
		this.contextRunner.withPropertyValues("bedrock.converse.model=")
			.withBean("myChatModel", ChatBedrockConverse.class, () -> ChatBedrockConverse.builder().build())
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(ChatBedrockConverse.class));
	}

	@Test
	void withoutNettyTheChatModelHasNoAsyncClient() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(NettyNioAsyncHttpClient.class)).run((context) -> {
			ChatBedrockConverse model = context.getBean(ChatBedrockConverse.class);
			assertThat(ReflectionTestUtils.getField(model, "client")).isNotNull();
			assertThat(ReflectionTestUtils.getField(model, "asyncClient")).isNull();
		});
	}

	@Test
	void withoutSpringAiThereIsNoChatModel() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ChatModel.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ChatBedrockConverse.class));
	}

}
