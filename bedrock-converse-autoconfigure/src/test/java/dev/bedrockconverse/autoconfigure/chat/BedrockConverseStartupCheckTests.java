package dev.bedrockconverse.autoconfigure.chat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.bedrockconverse.autoconfigure.BedrockConverseContextRunners;
import dev.bedrockconverse.stub.RecordedRequest;
import dev.bedrockconverse.stub.junit.BedrockStubExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the start-up check ({@code bedrock.converse.startup-check.*}).
 */
class BedrockConverseStartupCheckTests {

	@RegisterExtension
	static final BedrockStubExtension stub = new BedrockStubExtension();

	private final ApplicationContextRunner contextRunner = BedrockConverseContextRunners.chatSignedFor(stub.get())
		.withPropertyValues("bedrock.converse.startup-check.enabled=true");

	@Test
	void aProfileOfAnotherGeographyFailsStartUpWithTheFix() {
		this.contextRunner.withPropertyValues("bedrock.converse.model=eu.anthropic.claude-sonnet-4-5-20250929-v1:0")
			.run((context) -> {
				FailureAnalysis analysis = BedrockConverseContextRunners.analyze(context);
				assertThat(analysis.getDescription()).contains("Property: bedrock.converse.model")
					.contains("Value: 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0'")
					.contains("'eu.'")
					.contains("'us-east-1'");
				assertThat(analysis.getAction()).contains("Use region eu-central-1")
					.contains("or profile us.anthropic.claude-sonnet-4-5-20250929-v1:0");
			});
		assertThat(stub.get().requests()).isEmpty();
	}

	@Test
	void aNamedModelIsCheckedInItsOwnRegion() {
		this.contextRunner
			.withPropertyValues("bedrock.converse.models.tokyo.model=us.amazon.nova-pro-v1:0",
					"bedrock.converse.models.tokyo.region=ap-northeast-1")
			.run((context) -> {
				FailureAnalysis analysis = BedrockConverseContextRunners.analyze(context);
				assertThat(analysis.getDescription()).contains("Property: bedrock.converse.models.tokyo.model")
					.contains("'ap-northeast-1'");
				assertThat(analysis.getAction()).contains("or profile jp.amazon.nova-pro-v1:0");
			});
	}

	@Test
	void matchingProfilesGlobalProfilesFoundationModelsAndArnsPass() {
		this.contextRunner.withPropertyValues("bedrock.converse.model=us.amazon.nova-lite-v1:0",
				"bedrock.converse.models.global.model=global.anthropic.claude-sonnet-4-5-20250929-v1:0",
				"bedrock.converse.models.frankfurt.model=eu.amazon.nova-lite-v1:0",
				"bedrock.converse.models.frankfurt.region=eu-central-1",
				"bedrock.converse.models.sydney.model=au.anthropic.claude-sonnet-4-5-20250929-v1:0",
				"bedrock.converse.models.sydney.region=ap-southeast-2",
				"bedrock.converse.models.gov.model=us-gov.anthropic.claude-3-haiku-20240307-v1:0",
				"bedrock.converse.models.gov.region=us-gov-west-1",
				"bedrock.converse.models.plain.model=amazon.nova-micro-v1:0",
				"bedrock.converse.models.arn.model=arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc",
				"bedrock.converse.models.other.model=xx.unknown-prefix-v1:0")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(stub.get().requests()).isEmpty();
	}

	@Test
	void offByDefault() {
		BedrockConverseContextRunners.chatSignedFor(stub.get())
			.withPropertyValues("bedrock.converse.model=eu.amazon.nova-lite-v1:0")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void reachabilityCallsCountTokensForTheFoundationModelOfEachModel() {
		this.contextRunner
			.withPropertyValues("bedrock.converse.startup-check.reachability=true",
					"bedrock.converse.model=us.amazon.nova-lite-v1:0",
					"bedrock.converse.models.fast.model=amazon.nova-micro-v1:0")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(stub.get().requests()).extracting(RecordedRequest::operation)
			.containsExactly("CountTokens", "CountTokens");
		assertThat(stub.get().requests()).extracting(RecordedRequest::modelId)
			.containsExactlyInAnyOrder("amazon.nova-lite-v1:0", "amazon.nova-micro-v1:0");
		assertThat(stub.get().requests().get(0).body().path("input").path("converse").path("messages").size())
			.isEqualTo(1);
	}

	@Test
	void anUnreachableModelFailsStartUpNamingIt() {
		this.contextRunner
			.withPropertyValues("bedrock.converse.startup-check.reachability=true",
					"bedrock.converse.models.broken.model=amazon.nova micro")
			.run((context) -> {
				FailureAnalysis analysis = BedrockConverseContextRunners.analyze(context);
				assertThat(analysis.getDescription()).contains("Property: bedrock.converse.models.broken.model")
					.contains("ValidationException");
				assertThat(analysis.getAction()).contains("bedrock:CountTokens");
			});
	}

	@Test
	void badCredentialsFailStartUpWhenReachabilityIsChecked() {
		BedrockConverseContextRunners.chatAt(stub.get())
			.withPropertyValues("bedrock.converse.startup-check.enabled=true",
					"bedrock.converse.startup-check.reachability=true",
					"bedrock.converse.credentials.access-key-id=AKIDWRONGKEY01",
					"bedrock.converse.credentials.secret-access-key=wrong")
			.run((context) -> {
				FailureAnalysis analysis = BedrockConverseContextRunners.analyze(context);
				assertThat(analysis.getDescription()).contains("UnrecognizedClientException")
					.doesNotContain("AKIDWRONGKEY01")
					.doesNotContain("wrong\n");
			});
	}

}
