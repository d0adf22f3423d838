package dev.bedrockconverse.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata generated from {@link BedrockConverseProperties} documents
 * every property, which is what IDEs show as help.
 */
class ConfigurationMetadataTests {

	@Test
	void everyPropertyIsListedWithADescription() throws IOException {
		JsonNode metadata = metadata();
		List<String> names = new ArrayList<>();
		for (JsonNode property : metadata.path("properties")) {
			names.add(property.path("name").asString());
			assertThat(property.path("description").asString()).as(property.path("name").asString())
				.isNotBlank()
				.doesNotStartWith("The ");
		}
		assertThat(names).containsExactlyInAnyOrder("bedrock.converse.model", "bedrock.converse.models",
				"bedrock.converse.startup-check.enabled", "bedrock.converse.startup-check.reachability",
				"bedrock.converse.health.enabled", "bedrock.converse.health.cache-time-to-live",
				"bedrock.converse.region", "bedrock.converse.endpoint", "bedrock.converse.credentials.access-key-id",
				"bedrock.converse.credentials.secret-access-key", "bedrock.converse.credentials.session-token",
				"bedrock.converse.credentials.profile", "bedrock.converse.api-key",
				"bedrock.converse.credentials.shared-credentials-file", "bedrock.converse.credentials.config-file",
				"bedrock.converse.credentials.sts-endpoint", "bedrock.converse.credentials.assume-role.role-arn",
				"bedrock.converse.credentials.assume-role.session-name",
				"bedrock.converse.credentials.assume-role.external-id",
				"bedrock.converse.credentials.assume-role.duration",
				"bedrock.converse.credentials.web-identity.role-arn",
				"bedrock.converse.credentials.web-identity.token-file",
				"bedrock.converse.credentials.web-identity.session-name", "bedrock.converse.options.max-tokens",
				"bedrock.converse.options.temperature", "bedrock.converse.options.top-p",
				"bedrock.converse.options.stop-sequences", "bedrock.converse.options.tool-choice",
				"bedrock.converse.options.structured-output-mode",
				"bedrock.converse.options.additional-model-request-fields",
				"bedrock.converse.options.additional-model-response-field-paths",
				"bedrock.converse.options.request-metadata", "bedrock.converse.options.performance-latency",
				"bedrock.converse.options.service-tier", "bedrock.converse.options.prompt-variables",
				"bedrock.converse.options.guardrail.identifier", "bedrock.converse.options.guardrail.version",
				"bedrock.converse.options.guardrail.trace", "bedrock.converse.options.guardrail.stream-processing-mode",
				"bedrock.converse.options.reasoning.enabled", "bedrock.converse.options.reasoning.budget-tokens",
				"bedrock.converse.options.reasoning.effort", "bedrock.converse.options.model-family",
				"bedrock.converse.options.model-quirks", "bedrock.converse.options.cache-strategy",
				"bedrock.converse.options.cache-ttl", "bedrock.converse.options.document-citations",
				"bedrock.converse.options.tool-strict", "bedrock.converse.options.system-tools",
				"bedrock.converse.client.connect-timeout", "bedrock.converse.client.read-timeout",
				"bedrock.converse.client.api-call-timeout", "bedrock.converse.client.api-call-attempt-timeout",
				"bedrock.converse.observations.conventions", "bedrock.converse.observations.token-usage",
				"bedrock.converse.observations.bedrock-meters", "bedrock.converse.observations.sdk-meters",
				"bedrock.converse.observations.include-prompt", "bedrock.converse.observations.include-completion",
				"bedrock.converse.retry.mode", "bedrock.converse.retry.max-attempts",
				"bedrock.converse.retry.base-delay", "bedrock.converse.retry.max-backoff",
				"bedrock.converse.stream.first-token-timeout", "bedrock.converse.stream.idle-timeout",
				"bedrock.converse.merge-consecutive-messages", "bedrock.converse.history-repair",
				"bedrock.converse.fallbacks");
	}

	@Test
	void additionalMetadataHintsAreMerged() throws IOException {
		List<String> hinted = new ArrayList<>();
		metadata().path("hints").forEach((hint) -> hinted.add(hint.path("name").asString()));
		assertThat(hinted).contains("bedrock.converse.model", "bedrock.converse.region",
				"bedrock.converse.options.tool-choice", "bedrock.converse.options.cache-ttl");
	}

	private static JsonNode metadata() throws IOException {
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			return JsonMapper.builder().build().readTree(in);
		}
	}

}
