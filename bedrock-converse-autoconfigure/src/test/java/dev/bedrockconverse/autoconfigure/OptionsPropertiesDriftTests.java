package dev.bedrockconverse.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.bedrockconverse.chat.BedrockConverseChatOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every public setter of {@link BedrockConverseChatOptions.Builder} has a
 * {@code bedrock.converse.*} property named after it, or stands on {@link #EXCLUDED} with
 * the reason. A new option without a property (or a stale exclusion) fails here.
 */
class OptionsPropertiesDriftTests {

	/**
	 * Setters that deliberately have no property, with the reason.
	 */
	private static final Map<String, String> EXCLUDED = Map.of(
			// Converse has no such parameter: the builder accepts only null.
			"frequencyPenalty", "not supported by Converse", "presencePenalty", "not supported by Converse", "topK",
			"not supported by Converse (send it through additional-model-request-fields)",
			// Runtime objects of the application, not configuration values.
			"toolCallbacks", "ToolCallback instances are beans or per-request objects", "toolContext",
			"per-request context objects of tools",
			// Set by Spring AI's ChatClient entity() for one request.
			"outputSchema", "the JSON schema of one request's entity type", "outputSchemaDescription",
			"describes one request's entity type, like outputSchema",
			// A per-request tenant (runtime values of one request, applied with the SDK's
			// request override configuration); the clients' own are
			// bedrock.converse.region,
			// credentials.* and api-key.
			"credentialsProvider", "one tenant's credentials provider, a runtime object", "region",
			"one tenant's region for one request", "apiKey", "one tenant's API key for one request");

	/**
	 * Builder methods that are not option setters.
	 */
	private static final Set<String> NOT_SETTERS = Set.of("build", "mutate", "clone", "combineWith");

	@Test
	void everyOptionSetterHasAPropertyOrAReasonNotTo() throws IOException {
		Set<String> properties = propertyNames();
		List<String> missing = new ArrayList<>();
		Set<String> setters = setters();
		for (String setter : setters) {
			if (EXCLUDED.containsKey(setter)) {
				continue;
			}
			String property = propertyOf(setter);
			boolean present = properties.stream()
				.anyMatch((name) -> name.equals(property) || name.startsWith(property + "."));
			if (!present) {
				missing.add(setter + " -> " + property);
			}
		}
		assertThat(missing).as("options-builder setters without a property").isEmpty();
	}

	@Test
	void everyExclusionIsStillASetter() {
		assertThat(setters()).containsAll(EXCLUDED.keySet());
	}

	@Test
	void everyOptionsPropertyIsASetter() throws IOException {
		Set<String> setterProperties = new TreeSet<>();
		setters().forEach((setter) -> setterProperties.add(propertyOf(setter)));
		for (String property : propertyNames()) {
			if (property.startsWith("bedrock.converse.options.")) {
				assertThat(setterProperties).as("option of %s", property)
					.anyMatch((name) -> property.equals(name) || property.startsWith(name + "."));
			}
		}
	}

	/**
	 * The property of an option: {@code bedrock.converse.model} for the model, else
	 * {@code bedrock.converse.options.} and the option in kebab case.
	 */
	static String propertyOf(String option) {
		if (option.equals("model")) {
			return "bedrock.converse.model";
		}
		return "bedrock.converse.options." + option.replaceAll("([A-Z])", "-$1").toLowerCase();
	}

	private static Set<String> setters() {
		Set<String> names = new TreeSet<>();
		Arrays.stream(BedrockConverseChatOptions.Builder.class.getMethods())
			.filter((method) -> !Modifier.isStatic(method.getModifiers()))
			.filter((method) -> method.getParameterCount() == 1)
			.filter(OptionsPropertiesDriftTests::returnsTheBuilder)
			.map(Method::getName)
			.filter((name) -> !NOT_SETTERS.contains(name))
			.forEach(names::add);
		return names;
	}

	private static boolean returnsTheBuilder(Method method) {
		return method.getReturnType().isAssignableFrom(BedrockConverseChatOptions.Builder.class)
				&& method.getReturnType() != Object.class;
	}

	static Set<String> propertyNames() throws IOException {
		Set<String> names = new TreeSet<>();
		metadata().path("properties").forEach((property) -> names.add(property.path("name").asString()));
		return names;
	}

	static JsonNode metadata() throws IOException {
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			return JsonMapper.builder().build().readTree(in);
		}
	}

}
