package dev.bedrockconverse.autoconfigure.credentials;

import org.junit.jupiter.api.Test;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.javapoet.ClassName;
import org.springframework.util.ClassUtils;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.sts.StsClient;

import dev.bedrockconverse.autoconfigure.BedrockConverseContextRunners;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Processing the auto-configurations ahead of time, as {@code spring-boot:process-aot}
 * does, registers the types that the credentials auto-configuration looks up by name at
 * run time, so that a native image finds them.
 */
class BedrockConverseCredentialsRuntimeHintsTests {

	@Test
	void aheadOfTimeProcessingRegistersTheTypesLookedUpByName() {
		BedrockConverseContextRunners.chat().prepare((context) -> {
			RuntimeHints hints = processAheadOfTime(
					context.getSourceApplicationContext(GenericApplicationContext.class));
			assertThat(RuntimeHintsPredicates.reflection().onType(StsClient.class)).accepts(hints);
			assertThat(RuntimeHintsPredicates.reflection().onType(Apache5HttpClient.class)).accepts(hints);
		});
	}

	@Test
	void theLookedUpNamesAreTheTypes() {
		ClassLoader classLoader = getClass().getClassLoader();
		assertThat(ClassUtils.resolveClassName(BedrockConverseCredentialsProviders.STS_CLIENT, classLoader))
			.isEqualTo(StsClient.class);
		assertThat(ClassUtils.resolveClassName(StsCredentialsProviders.APACHE5_HTTP_CLIENT, classLoader))
			.isEqualTo(Apache5HttpClient.class);
	}

	private static RuntimeHints processAheadOfTime(GenericApplicationContext context) {
		DefaultGenerationContext generationContext = new DefaultGenerationContext(
				new ClassNameGenerator(ClassName.get(BedrockConverseCredentialsRuntimeHintsTests.class)),
				new InMemoryGeneratedFiles());
		new ApplicationContextAotGenerator().processAheadOfTime(context, generationContext);
		return generationContext.getRuntimeHints();
	}

}
