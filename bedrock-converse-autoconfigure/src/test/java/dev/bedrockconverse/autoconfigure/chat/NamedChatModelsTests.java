package dev.bedrockconverse.autoconfigure.chat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.util.ReflectionTestUtils;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import dev.bedrockconverse.autoconfigure.BedrockConverseContextRunners;
import dev.bedrockconverse.chat.ChatBedrockConverse;
import dev.bedrockconverse.chat.observation.BedrockConverseObservationConvention;
import dev.bedrockconverse.stub.RecordedRequest;
import dev.bedrockconverse.stub.SignatureResult;
import dev.bedrockconverse.stub.junit.BedrockStubExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the named models under {@code bedrock.converse.models}, against the stub
 * through the real SDK clients.
 */
class NamedChatModelsTests {

	@RegisterExtension
	static final BedrockStubExtension stub = new BedrockStubExtension();

	private static final String FAST = "amazon.nova-micro-v1:0";

	private static final String VISION = "us.amazon.nova-pro-v1:0";

	private final ApplicationContextRunner contextRunner = BedrockConverseContextRunners.chatSignedFor(stub.get())
		.withPropertyValues("bedrock.converse.options.max-tokens=100", "bedrock.converse.options.temperature=0.5",
				"bedrock.converse.models.fast.model=" + FAST, "bedrock.converse.models.fast.options.max-tokens=512",
				"bedrock.converse.models.vision.model=" + VISION, "bedrock.converse.models.vision.region=us-west-2");

	@Test
	void eachNamedModelIsABeanSentWithItsOwnModelAndTheInheritedOptions() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeansOfType(ChatBedrockConverse.class)).containsOnlyKeys("chatBedrockConverse",
					"fast", "vision");
			ChatModel fast = context.getBean("fast", ChatModel.class);
			ChatModel vision = context.getBean("vision", ChatModel.class);

			fast.call(new Prompt("I love programming."));
			RecordedRequest fastRequest = stub.get().lastRequest();
			assertThat(fastRequest.path()).isEqualTo("/model/amazon.nova-micro-v1%3A0/converse");
			assertThat(fastRequest.modelId()).isEqualTo(FAST);
			// Its own max tokens over the top level's, the top level's temperature.
			assertThat(fastRequest.body().path("inferenceConfig").path("maxTokens").asInt()).isEqualTo(512);
			assertThat(fastRequest.body().path("inferenceConfig").path("temperature").asDouble()).isEqualTo(0.5);

			assertThat(vision.stream(new Prompt("I love programming.")).collectList().block()).isNotEmpty();
			RecordedRequest visionRequest = stub.get().lastRequest();
			assertThat(visionRequest.operation()).isEqualTo("ConverseStream");
			assertThat(visionRequest.modelId()).isEqualTo(VISION);
			assertThat(visionRequest.body().path("inferenceConfig").path("maxTokens").asInt()).isEqualTo(100);
			assertThat(visionRequest.header("Authorization")).contains("/us-west-2/bedrock/aws4_request");
			assertThat(visionRequest.signature()).isEqualTo(SignatureResult.VALID);

			context.getBean(ChatModel.class).call(new Prompt("I love programming."));
			assertThat(stub.get().lastRequest().modelId()).isEqualTo(BedrockConverseContextRunners.MODEL);
		});
	}

	@Test
	void qualifiersInjectTheNamedModelsAndPlainInjectionThePrimary() {
		this.contextRunner.withUserConfiguration(Injection.class).run((context) -> {
			assertThat(context).hasNotFailed();
			Injection.Models models = context.getBean(Injection.Models.class);
			assertThat(models.primary()).isSameAs(context.getBean("chatBedrockConverse"));
			assertThat(models.fast()).isSameAs(context.getBean("fast"));
			assertThat(((ChatBedrockConverse) models.fast()).getName()).isEqualTo("fast");
			assertThat(models.primary().getName()).isEqualTo(ChatBedrockConverse.DEFAULT_NAME);
			assertThat(context.getBean(ChatModel.class)).isSameAs(models.primary());
			assertThat(context.getBean(ChatClient.Builder.class).build().prompt("I love programming.").call().content())
				.isEqualTo("Echo: I love programming.");
			assertThat(stub.get().lastRequest().modelId()).isEqualTo(BedrockConverseContextRunners.MODEL);
		});
	}

	@Test
	void clientsAreSharedWhenTheConnectionIsTheSame() {
		this.contextRunner
			.withPropertyValues("bedrock.converse.models.same.model=" + FAST,
					"bedrock.converse.models.same.region=" + BedrockConverseContextRunners.REGION,
					"bedrock.converse.models.west.model=" + FAST, "bedrock.converse.models.west.region=us-west-2")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				BedrockRuntimeClient shared = context.getBean(BedrockRuntimeClient.class);
				BedrockRuntimeAsyncClient sharedAsync = context.getBean(BedrockRuntimeAsyncClient.class);
				assertThat(client(context.getBean("fast"))).isSameAs(shared);
				assertThat(client(context.getBean("same"))).isSameAs(shared);
				assertThat(asyncClient(context.getBean("same"))).isSameAs(sharedAsync);
				assertThat(client(context.getBean("vision"))).isNotSameAs(shared);
				assertThat(asyncClient(context.getBean("vision"))).isNotSameAs(sharedAsync);
				assertThat(client(context.getBean("west"))).isSameAs(client(context.getBean("vision")));
				assertThat(client(context.getBean("vision")).serviceClientConfiguration().region().id())
					.isEqualTo("us-west-2");
			});
	}

	@Test
	void metersCarryTheNameOfTheModel() {
		this.contextRunner.withUserConfiguration(Meters.class).run((context) -> {
			context.getBean("fast", ChatModel.class).call(new Prompt("I love programming."));
			context.getBean("fast", ChatModel.class).stream(new Prompt("I love programming.")).blockLast();
			context.getBean(ChatModel.class).call(new Prompt("I love programming."));
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("gen_ai.client.operation")
				.tag(BedrockConverseObservationConvention.MODEL_NAME_KEY, "fast")
				.timer()
				.count()).isEqualTo(2);
			assertThat(meters.get("gen_ai.client.operation")
				.tag(BedrockConverseObservationConvention.MODEL_NAME_KEY, "default")
				.timer()
				.count()).isEqualTo(1);
		});
	}

	@Test
	void anUnknownKeyOfANamedModelFailsStartUpNamingIt() {
		this.contextRunner.withPropertyValues("bedrock.converse.models.fast.max-token=5").run((context) -> {
			FailureAnalysis analysis = BedrockConverseContextRunners.analyze(context);
			assertThat(analysis.getDescription()).contains("bedrock.converse.models.fast.max-token")
				.contains("not a property of a named model");
			assertThat(analysis.getAction()).contains("'model', 'region', 'endpoint' and 'options.*'");
		});
	}

	@Test
	void aBadValueOfANamedModelFailsStartUpNamingIt() {
		this.contextRunner.withPropertyValues("bedrock.converse.models.fast.options.temperature=3").run((context) -> {
			FailureAnalysis analysis = BedrockConverseContextRunners.analyze(context);
			assertThat(analysis.getDescription()).contains("bedrock.converse.models.fast.options.temperature")
				.contains("'3.0'");
		});
	}

	@Test
	void aNamedModelWithoutModelFailsStartUpNamingIt() {
		this.contextRunner.withPropertyValues("bedrock.converse.models.empty.region=us-west-2").run((context) -> {
			FailureAnalysis analysis = BedrockConverseContextRunners.analyze(context);
			assertThat(analysis.getDescription()).contains("bedrock.converse.models.empty.model");
		});
	}

	@Test
	void withoutNamedModelsThereIsOneChatModelAndItIsNotMadePrimary() {
		BedrockConverseContextRunners.chat().run((context) -> {
			assertThat(context).hasSingleBean(ChatModel.class);
			assertThat(context.getBeanFactory().getBeanDefinition("chatBedrockConverse").isPrimary()).isFalse();
		});
	}

	private static BedrockRuntimeClient client(Object model) {
		return (BedrockRuntimeClient) ReflectionTestUtils.getField(model, "client");
	}

	private static Object asyncClient(Object model) {
		return ReflectionTestUtils.getField(model, "asyncClient");
	}

	@Configuration(proxyBeanMethods = false)
	static class Injection {

		@Bean
		Models models(ChatBedrockConverse primary, @Qualifier("fast") ChatModel fast) {
			return new Models(primary, fast);
		}

		// As Spring AI's ChatClientAutoConfiguration injects it: a plain ChatModel.
		@Bean
		ChatClient.Builder chatClientBuilder(ChatModel chatModel) {
			return ChatClient.builder(chatModel);
		}

		record Models(ChatBedrockConverse primary, ChatModel fast) {

		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Meters {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		ObservationRegistry observationRegistry(SimpleMeterRegistry meters) {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
			return registry;
		}

	}

}
