package dev.bedrockconverse.autoconfigure.health;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.bedrockconverse.autoconfigure.BedrockConverseContextRunners;
import dev.bedrockconverse.stub.RecordedRequest;
import dev.bedrockconverse.stub.junit.BedrockStubExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BedrockConverseHealthAutoConfiguration} and
 * {@link BedrockConverseHealthContributor}, against the stub through the real SDK.
 */
class BedrockConverseHealthContributorTests {

	@RegisterExtension
	static final BedrockStubExtension stub = new BedrockStubExtension();

	private static final AutoConfigurations HEALTH = AutoConfigurations
		.of(BedrockConverseHealthAutoConfiguration.class);

	private final ApplicationContextRunner contextRunner = BedrockConverseContextRunners.chatSignedFor(stub.get())
		.withConfiguration(HEALTH)
		.withPropertyValues("bedrock.converse.health.enabled=true", "bedrock.converse.model=us.amazon.nova-lite-v1:0",
				"bedrock.converse.models.fast.model=amazon.nova-micro-v1:0");

	@Test
	void everyModelIsUpWhenCountTokensAnswersAndTheHealthIsCached() {
		this.contextRunner.run((context) -> {
			Map<String, Health> health = health(context);
			Map<String, Health> again = health(context);

			assertThat(health).containsOnlyKeys("default", "fast");
			assertThat(health.get("default").getStatus()).isEqualTo(Status.UP);
			assertThat(health.get("default").getDetails()).containsEntry("model", "us.amazon.nova-lite-v1:0")
				.containsEntry("region", BedrockConverseContextRunners.REGION);
			assertThat(health.get("fast").getStatus()).isEqualTo(Status.UP);
			assertThat(again).isEqualTo(health);
			// One CountTokens per model, for its foundation model; never a Converse.
			assertThat(stub.get().requests()).extracting(RecordedRequest::operation)
				.containsExactly("CountTokens", "CountTokens");
			assertThat(stub.get().requests()).extracting(RecordedRequest::modelId)
				.containsExactlyInAnyOrder("amazon.nova-lite-v1:0", "amazon.nova-micro-v1:0");
		});
	}

	@Test
	void aModelBedrockRefusesIsDownWithTheErrorAndTheOthersStayUp() {
		this.contextRunner.withPropertyValues("bedrock.converse.models.broken.model=amazon.nova micro")
			.run((context) -> {
				Map<String, Health> health = health(context);
				assertThat(health.get("broken").getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.get("broken").getDetails()).containsEntry("error", "ValidationException")
					.containsEntry("model", "amazon.nova micro");
				assertThat(health.get("default").getStatus()).isEqualTo(Status.UP);
			});
	}

	@Test
	void badCredentialsAreDownWithoutTheCredentials() {
		BedrockConverseContextRunners.chatAt(stub.get())
			.withConfiguration(HEALTH)
			.withPropertyValues("bedrock.converse.health.enabled=true",
					"bedrock.converse.credentials.access-key-id=AKIDWRONGKEY01",
					"bedrock.converse.credentials.secret-access-key=wrongsecretwrongsecret")
			.run((context) -> {
				Health health = health(context).get("default");
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsEntry("error", "UnrecognizedClientException");
				assertThat(health.toString()).doesNotContain("AKIDWRONGKEY01").doesNotContain("wrongsecretwrongsecret");
			});
	}

	@Test
	void offByDefaultAndOffWithBootsHealthProperty() {
		BedrockConverseContextRunners.chatSignedFor(stub.get())
			.withConfiguration(HEALTH)
			.run((context) -> assertThat(context).doesNotHaveBean(BedrockConverseHealthContributor.class));
		this.contextRunner.withPropertyValues("management.health.bedrock-converse.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(BedrockConverseHealthContributor.class));
		assertThat(stub.get().requests()).isEmpty();
	}

	private static Map<String, Health> health(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		Map<String, Health> health = new LinkedHashMap<>();
		context.getBean(BedrockConverseHealthContributor.class)
			.stream()
			.forEach((entry) -> health.put(entry.name(), ((HealthIndicator) entry.contributor()).health()));
		return health;
	}

}
