package dev.bedrockconverse.chat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.support.ToolCallbacks;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.bedrockruntime.model.PerformanceConfigLatency;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceTierType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Drift guard: options with EVERY builder setter called survive {@code mutate().build()},
 * {@code equals}, {@code hashCode} and {@code combineWith}. The setters are found by
 * reflection, so a new option is covered as soon as it has a setter (or this test fails
 * asking for a sample value of its type); every getter must return a set value.
 */
class BedrockConverseChatOptionsDriftTests {

	/** Setters that take no value worth setting: Converse rejects any non-null one. */
	private static final Set<String> UNSUPPORTED = Set.of("topK", "frequencyPenalty", "presencePenalty");

	/** Getters that always return {@code null}: the unsupported options. */
	private static final Set<String> ALWAYS_NULL = Set.of("getTopK", "getFrequencyPenalty", "getPresencePenalty");

	/** Sample values by setter name, where the type alone does not give a valid one. */
	private static final Map<String, Object> BY_NAME = Map.of("outputSchema", "{\"type\":\"object\"}",
			"additionalModelResponseFieldPaths", List.of("/stop_sequence"), "reasoning",
			BedrockConverseChatOptions.Reasoning.ofBudget(2048), "modelQuirks",
			Map.of("meta", new BedrockConverseModelQuirks(true, null, null, null, null)), "cacheTtl",
			Duration.ofHours(1), "toolCallbacks", List.of(ToolCallbacks.from(new WeatherTools())),
			"additionalModelRequestFields", Map.of("top_k", 5), "toolContext", Map.of("tenant", "t-1"));

	/** Sample values by parameter type. */
	private static final Map<Class<?>, Object> BY_TYPE = Map.ofEntries(Map.entry(String.class, "value"),
			Map.entry(Integer.class, 7), Map.entry(Double.class, 0.5), Map.entry(Boolean.class, Boolean.TRUE),
			Map.entry(List.class, List.of("STOP")), Map.entry(Map.class, Map.of("team", "search")),
			Map.entry(BedrockConverseToolChoice.class, BedrockConverseToolChoice.ANY),
			Map.entry(StructuredOutputMode.class, StructuredOutputMode.TOOL),
			Map.entry(PerformanceConfigLatency.class, PerformanceConfigLatency.OPTIMIZED),
			Map.entry(ServiceTierType.class, ServiceTierType.FLEX),
			Map.entry(BedrockConverseGuardrail.class, BedrockConverseGuardrail.of("gr", "1")),
			Map.entry(BedrockConverseCacheStrategy.class, BedrockConverseCacheStrategy.TOOLS),
			Map.entry(AwsCredentialsProvider.class, AnonymousCredentialsProvider.create()));

	private static List<Method> setters() {
		// Inherited setters (Spring AI's builder) return the erased builder type.
		Map<String, Method> setters = new TreeMap<>();
		for (Method method : BedrockConverseChatOptions.Builder.class.getMethods()) {
			if (ChatOptions.Builder.class.isAssignableFrom(method.getReturnType()) && method.getParameterCount() == 1
					&& !method.isBridge() && !method.isVarArgs() && !Modifier.isStatic(method.getModifiers())
					&& !method.getName().equals("combineWith") && !UNSUPPORTED.contains(method.getName())) {
				setters.put(method.getName() + "(" + method.getParameterTypes()[0].getName() + ")", method);
			}
		}
		return new ArrayList<>(setters.values());
	}

	private static BedrockConverseChatOptions everyFieldSet() throws Exception {
		BedrockConverseChatOptions.Builder builder = BedrockConverseChatOptions.builder();
		for (Method setter : setters()) {
			Object value = BY_NAME.containsKey(setter.getName()) ? BY_NAME.get(setter.getName())
					: BY_TYPE.get(setter.getParameterTypes()[0]);
			if (value == null) {
				fail("No sample value for the new option '" + setter.getName() + "' of type "
						+ setter.getParameterTypes()[0].getName() + ": add one to this test");
			}
			setter.invoke(builder, value);
		}
		return builder.build();
	}

	/**
	 * Every setter is declared on the builder itself, returning it: a setter inherited
	 * from Spring AI's builder returns the erased type, so code compiled against an
	 * earlier version of this builder would fail with {@code NoSuchMethodError}.
	 */
	@Test
	void everySetterIsDeclaredOnTheBuilderReturningIt() throws Exception {
		for (Method setter : setters()) {
			Method declared = BedrockConverseChatOptions.Builder.class.getDeclaredMethod(setter.getName(),
					setter.getParameterTypes());
			assertThat(declared.getReturnType()).as(setter.getName())
				.isEqualTo(BedrockConverseChatOptions.Builder.class);
		}
	}

	@Test
	void everyGetterReturnsTheValueItsSetterSet() throws Exception {
		BedrockConverseChatOptions options = everyFieldSet();
		for (Method getter : BedrockConverseChatOptions.class.getMethods()) {
			if (getter.getParameterCount() != 0 || getter.getDeclaringClass() == Object.class
					|| !(getter.getName().startsWith("get") || getter.getName().startsWith("is"))
					|| ALWAYS_NULL.contains(getter.getName())) {
				continue;
			}
			Object value = getter.invoke(options);
			assertThat(value).as(getter.getName() + " is not covered by a setter").isNotNull();
			if (value instanceof Collection<?> collection) {
				assertThat(collection).as(getter.getName()).isNotEmpty();
			}
			if (value instanceof Map<?, ?> map) {
				assertThat(map).as(getter.getName()).isNotEmpty();
			}
		}
	}

	@Test
	void everyFieldSurvivesMutateEqualsAndHashCode() throws Exception {
		BedrockConverseChatOptions options = everyFieldSet();
		BedrockConverseChatOptions copy = options.mutate().build();
		assertThat(copy).isEqualTo(options).hasSameHashCodeAs(options);
		assertThat(copy.toString()).isEqualTo(options.toString());
	}

	@Test
	void everyFieldSurvivesCombineWith() throws Exception {
		BedrockConverseChatOptions options = everyFieldSet();
		BedrockConverseChatOptions empty = BedrockConverseChatOptions.builder().build();
		assertThat(empty.mutate().combineWith(options.mutate()).build()).isEqualTo(options);
		assertThat(options.mutate().combineWith(empty.mutate()).build()).isEqualTo(options);
	}

	@Test
	void optionsDifferingInAnyOneFieldAreNotEqual() throws Exception {
		BedrockConverseChatOptions options = everyFieldSet();
		for (Method setter : setters()) {
			BedrockConverseChatOptions.Builder builder = options.mutate();
			setter.invoke(builder, (Object) null);
			assertThat(builder.build()).as("without " + setter.getName()).isNotEqualTo(options);
		}
	}

}
