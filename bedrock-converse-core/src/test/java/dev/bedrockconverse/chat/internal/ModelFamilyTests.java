package dev.bedrockconverse.chat.internal;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.bedrockconverse.chat.BedrockConverseChatOptions;
import dev.bedrockconverse.chat.BedrockConverseModelQuirks;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ModelFamily}: the family a model id, ARN or the {@code modelFamily} option
 * names, Claude's version, and the quirks table with its overrides.
 */
class ModelFamilyTests {

	@ParameterizedTest
	@CsvSource({ "anthropic.claude-3-7-sonnet-20250219-v1:0, anthropic, claude-3-7-sonnet-20250219-v1:0",
			"us.anthropic.claude-sonnet-4-5-20250929-v1:0, anthropic, claude-sonnet-4-5-20250929-v1:0",
			"eu.amazon.nova-2-lite-v1:0, amazon, nova-2-lite-v1:0", "apac.amazon.nova-pro-v1:0, amazon, nova-pro-v1:0",
			"jp.anthropic.claude-sonnet-4-6, anthropic, claude-sonnet-4-6",
			"au.anthropic.claude-haiku-4-5-20251001-v1:0, anthropic, claude-haiku-4-5-20251001-v1:0",
			"ca.meta.llama3-3-70b-instruct-v1:0, meta, llama3-3-70b-instruct-v1:0",
			"us-gov.anthropic.claude-3-5-sonnet-20240620-v1:0, anthropic, claude-3-5-sonnet-20240620-v1:0",
			"global.anthropic.claude-opus-4-6-v1, anthropic, claude-opus-4-6-v1",
			"newregion.openai.gpt-oss-120b-1:0, openai, gpt-oss-120b-1:0", "deepseek.r1-v1:0, deepseek, r1-v1:0",
			"mistral.mistral-large-2407-v1:0, mistral, mistral-large-2407-v1:0",
			"arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0, anthropic, claude-3-haiku-20240307-v1:0",
			"arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-opus-4-5-20251101-v1:0, anthropic, claude-opus-4-5-20251101-v1:0",
			"arn:aws-us-gov:bedrock:us-gov-west-1:123456789012:inference-profile/us-gov.amazon.nova-2-lite-v1:0, amazon, nova-2-lite-v1:0",
			"arn:aws:bedrock:us-east-1:123456789012:default-prompt-router/anthropic.claude:1, anthropic, claude:1",
			"anthropic, anthropic, ''", "Anthropic.Claude-Sonnet-4-6, anthropic, claude-sonnet-4-6" })
	void theFamilyIsReadFromModelIdsAndArns(String id, String family, String model) {
		ModelFamily resolved = ModelFamily.parse(id, "model id");
		assertThat(resolved.name()).isEqualTo(family);
		assertThat(resolved.model()).isEqualTo(model);
	}

	@ParameterizedTest
	@CsvSource({ "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6",
			"arn:aws:bedrock:us-east-1:123456789012:prompt-router/my-router",
			"arn:aws:bedrock:us-east-1:123456789012:custom-model/anthropic.claude-v2/abcdefghijkl",
			"arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abcdefghijkl",
			"arn:aws:bedrock:us-east-1:123456789012:prompt/PROMPT12345", "acme.model-v1", "my-model",
			"us.eu.apac.anthropic.claude-sonnet-4-6", "'us.anthropic'" })
	void idsThatDoNotNameAFamilyAreUnknown(String id) {
		assertThat(ModelFamily.parse(id, "model id").isKnown()).isFalse();
	}

	@Test
	void theModelFamilyOptionWinsOverTheModelId() {
		BedrockConverseChatOptions options = BedrockConverseChatOptions.builder()
			.model("arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6")
			.modelFamily("us.anthropic.claude-sonnet-4-6")
			.build();
		ModelFamily family = ModelFamily.of(options);
		assertThat(family.name()).isEqualTo("anthropic");
		assertThat(family.claudeVersion()).isEqualTo(46);
		assertThat(family.source()).isEqualTo("modelFamily 'us.anthropic.claude-sonnet-4-6'");
	}

	@ParameterizedTest
	@CsvSource({ "claude-3-7-sonnet-20250219-v1:0, 37", "claude-3-haiku-20240307-v1:0, 30",
			"claude-3-5-sonnet-20241022-v2:0, 35", "claude-sonnet-4-20250514-v1:0, 40",
			"claude-opus-4-1-20250805-v1:0, 41", "claude-sonnet-4-5-20250929-v1:0, 45", "claude-opus-4-6-v1, 46",
			"claude-opus-4-7, 47", "claude-opus-5, 50" })
	void claudesVersionIsReadInBothNamings(String model, int version) {
		assertThat(new ModelFamily("anthropic", model, "model id").claudeVersion()).isEqualTo(version);
	}

	@Test
	void theFamilyOfAModelIdIsTheSameOnEveryRequestAndPastTheCacheLimit() {
		for (int i = 0; i < 600; i++) {
			BedrockConverseChatOptions options = BedrockConverseChatOptions.builder()
				.model("us.anthropic.claude-sonnet-4-" + i + "-v1:0")
				.build();
			ModelFamily family = ModelFamily.of(options);
			assertThat(family.name()).isEqualTo("anthropic");
			assertThat(family.model()).isEqualTo("claude-sonnet-4-" + i + "-v1:0");
			assertThat(family.source()).isEqualTo("model id 'us.anthropic.claude-sonnet-4-" + i + "-v1:0'");
			assertThat(ModelFamily.of(options)).isEqualTo(family);
		}
		BedrockConverseChatOptions hinted = BedrockConverseChatOptions.builder()
			.model("us.anthropic.claude-sonnet-4-1-v1:0")
			.modelFamily("amazon")
			.build();
		assertThat(ModelFamily.of(hinted).name()).isEqualTo("amazon");
		assertThat(ModelFamily.of(hinted).source()).isEqualTo("modelFamily 'amazon'");
		assertThat(ModelFamily.of(BedrockConverseChatOptions.builder().build()).isKnown()).isFalse();
	}

	@Test
	void claudeWithoutAVersionIsTreatedAsTheNewest() {
		assertThat(new ModelFamily("anthropic", "claude-mythos-preview", "model id").claudeVersion()).isNull();
		assertThat(new ModelFamily("anthropic", "", "model id").reasoning(BedrockConverseChatOptions.Reasoning.ON)
			.fields()).isEqualTo(Map.of("thinking", Map.of("type", "adaptive")));
	}

	@Test
	void theQuirksTableHasDefaultsForKnownFamiliesAndAcceptsEverythingElse() {
		assertThat(ModelFamily.parse("anthropic.claude-sonnet-4-5-20250929-v1:0", "id").quirks(Map.of()))
			.isEqualTo(new BedrockConverseModelQuirks(true, true, true, false, false));
		assertThat(ModelFamily.parse("anthropic.claude-3-7-sonnet-20250219-v1:0", "id").quirks(Map.of()))
			.isEqualTo(new BedrockConverseModelQuirks(true, true, true, false, true));
		assertThat(ModelFamily.parse("amazon.nova-pro-v1:0", "id").quirks(Map.of()))
			.isEqualTo(new BedrockConverseModelQuirks(true, true, false, true, true));
		assertThat(ModelFamily.parse("meta.llama3-3-70b-instruct-v1:0", "id").quirks(Map.of()))
			.isEqualTo(new BedrockConverseModelQuirks(false, false, true, true, true));
		assertThat(ModelFamily.parse("mistral.mistral-large-2407-v1:0", "id").quirks(Map.of()))
			.isEqualTo(new BedrockConverseModelQuirks(true, false, true, true, true));
		assertThat(ModelFamily.parse("my-model", "id").quirks(Map.of("meta", BedrockConverseModelQuirks.NONE)))
			.isEqualTo(BedrockConverseModelQuirks.ACCEPT_ALL);
	}

	@Test
	void anOverrideReplacesOnlyTheQuirksItSets() {
		Map<String, BedrockConverseModelQuirks> overrides = Map.of("anthropic",
				new BedrockConverseModelQuirks(null, false, null, true, null));
		assertThat(ModelFamily.parse("anthropic.claude-sonnet-4-5-20250929-v1:0", "id").quirks(overrides))
			.isEqualTo(new BedrockConverseModelQuirks(true, false, true, true, false));
	}

}
