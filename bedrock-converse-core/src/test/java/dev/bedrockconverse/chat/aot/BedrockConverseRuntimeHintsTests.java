package dev.bedrockconverse.chat.aot;

import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.advisor.SimpleLoggerAdvisor;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.util.JacksonUtils;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailTrace;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.BeanPropertyWriter;
import tools.jackson.databind.ser.ValueSerializerModifier;

import dev.bedrockconverse.chat.BedrockConverseChatOptions;
import dev.bedrockconverse.chat.BedrockConverseGuardrail;
import dev.bedrockconverse.chat.BedrockConverseMetadata;
import dev.bedrockconverse.chat.BedrockConverseToolResult;
import dev.bedrockconverse.chat.ChatBedrockConverse;
import dev.bedrockconverse.chat.StubModelFixture;
import dev.bedrockconverse.stub.StubAnswer;
import dev.bedrockconverse.stub.StubEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hints registered through {@code META-INF/spring/aot.factories} (the core's and
 * Spring AI's) cover what reflective code reaches in the core's responses. Spring AI's
 * {@link SimpleLoggerAdvisor} writes every {@link ChatResponse} as JSON with Jackson,
 * which reads the response and the metadata values the core puts there through
 * reflection. This test makes real responses (call and stream, with citations, reasoning,
 * a guardrail trace, cache usage, history repairs, service tier, latency and a routed
 * model) through the SDK against the stub, writes them with Spring AI's mapper, records
 * every property accessor Jackson uses, and checks each one with
 * {@link RuntimeHintsPredicates}: a new metadata value type without its hint fails here.
 */
class BedrockConverseRuntimeHintsTests extends StubModelFixture {

	private static final String MODEL = "anthropic.claude-sonnet-4-20250514-v1:0";

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Test
	void theRegistrarIsListedInAotFactories() {
		assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)).hasAtLeastOneElementOfType(BedrockConverseRuntimeHints.class);
	}

	@Test
	void everyAccessorJacksonUsesOnTheResponsesIsHinted() {
		RuntimeHints hints = registeredHints();
		List<ChatResponse> responses = responses();
		Set<Member> accessors = new LinkedHashSet<>();
		JsonMapper mapper = recording(accessors);
		for (ChatResponse response : responses) {
			mapper.writeValueAsString(response);
			// What Spring AI's logging advisor does at debug level.
			assertThat(SimpleLoggerAdvisor.DEFAULT_RESPONSE_TO_STRING.apply(response)).isNotBlank();
		}
		assertThat(accessors).extracting((member) -> member.getDeclaringClass().getSimpleName())
			.contains("ChatResponse", "Generation", "DefaultUsage", "BedrockConverseReasoning");
		for (Member member : accessors) {
			assertThat(isHinted(member, hints))
				.as("a hint for %s.%s", member.getDeclaringClass().getName(), member.getName())
				.isTrue();
		}
	}

	@Test
	void theToolResultsJsonValueMethodIsHinted() throws NoSuchMethodException {
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(BedrockConverseToolResult.class.getMethod("toJsonObject"))
			.test(registeredHints())).isTrue();
	}

	private List<ChatResponse> responses() {
		ChatBedrockConverse model = ChatBedrockConverse.builder()
			.bedrockRuntimeClient(this.client)
			.bedrockRuntimeAsyncClient(this.asyncClient)
			.defaultOptions(BedrockConverseChatOptions.builder()
				.model(MODEL)
				.documentCitations(true)
				.guardrail(new BedrockConverseGuardrail("gr-123", "1", GuardrailTrace.ENABLED, null))
				.build())
			.historyRepair(true)
			.build();
		List<Prompt> prompts = List.of(questionAboutReport(), new Prompt("[scenario:reasoning] Why?"),
				new Prompt("[scenario:guardrail reason=finance] Which stock should I buy?"),
				new Prompt("[scenario:cache] Hello"),
				new Prompt(List.of(new AssistantMessage("Earlier."), new UserMessage("Repaired"))));
		List<ChatResponse> responses = new ArrayList<>();
		for (Prompt prompt : prompts) {
			responses.add(model.call(prompt));
			responses.addAll(model.stream(prompt).collectList().block(TIMEOUT));
		}
		// System tools (server tool content, web citations) and a generated image
		// (media).
		ChatBedrockConverse withSystemTools = ChatBedrockConverse.builder()
			.bedrockRuntimeClient(this.client)
			.bedrockRuntimeAsyncClient(this.asyncClient)
			.defaultOptions(BedrockConverseChatOptions.builder()
				.model(MODEL)
				.systemTools(List.of("nova_grounding", "nova_code_interpreter"))
				.build())
			.build();
		Prompt question = new Prompt("What is 1 + 1?");
		responses.add(withSystemTools.call(question));
		responses.addAll(withSystemTools.stream(question).collectList().block(TIMEOUT));
		for (int i = 0; i < 2; i++) {
			this.stub.enqueue(StubAnswer.content(List.of(JsonMapper.builder()
				.build()
				.readTree("{\"image\":{\"format\":\"png\",\"source\":{\"bytes\":\"cG5n\"}}}"))));
		}
		responses.add(model.call(question));
		responses.addAll(model.stream(question).collectList().block(TIMEOUT));
		// How Bedrock served the request: service tier, latency, the routed model.
		StubAnswer served = StubAnswer.streamEvents(List.of(StubEvent.messageStart(),
				StubEvent.contentBlockDelta(0, "Served"), StubEvent.contentBlockStop(0),
				StubEvent.messageStop("end_turn"), StubEvent.metadata(1, 1, 1, "priority", "optimized", MODEL)));
		this.stub.enqueue(served);
		this.stub.enqueue(served);
		responses.add(model.call(new Prompt("Hello")));
		responses.addAll(model.stream(new Prompt("Hello")).collectList().block(TIMEOUT));
		assertThat(responses)
			.anySatisfy((response) -> assertThat(response.getMetadata().keySet())
				.contains(BedrockConverseMetadata.HISTORY_REPAIRS))
			.anySatisfy((response) -> assertThat(response.getMetadata().keySet()).contains(
					BedrockConverseMetadata.SERVICE_TIER, BedrockConverseMetadata.PERFORMANCE_CONFIG_LATENCY,
					BedrockConverseMetadata.PROMPT_ROUTER_INVOKED_MODEL_ID));
		return responses;
	}

	private static RuntimeHints registeredHints() {
		RuntimeHints hints = new RuntimeHints();
		ClassLoader classLoader = BedrockConverseRuntimeHintsTests.class.getClassLoader();
		SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)
			.forEach((registrar) -> registrar.registerHints(hints, classLoader));
		return hints;
	}

	private static JsonMapper recording(Set<Member> accessors) {
		SimpleModule module = new SimpleModule("recording");
		module.setSerializerModifier(new ValueSerializerModifier() {

			@Override
			public List<BeanPropertyWriter> changeProperties(SerializationConfig config,
					BeanDescription.Supplier beanDesc, List<BeanPropertyWriter> properties) {
				properties.forEach((property) -> accessors.add((Member) property.getMember().getMember()));
				return properties;
			}

		});
		return JacksonUtils.getDefaultJsonMapper().rebuild().addModule(module).build();
	}

	private static boolean isHinted(Member member, RuntimeHints hints) {
		if (member instanceof Method method) {
			return RuntimeHintsPredicates.reflection().onMethodInvocation(method).test(hints);
		}
		return RuntimeHintsPredicates.reflection().onFieldAccess((Field) member).test(hints);
	}

}
