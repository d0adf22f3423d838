package dev.bedrockconverse.stub.internal;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerPlannerTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void deltasKeepLeadingSpaceAndJoinBackToTheText() {
		assertThat(AnswerPlanner.splitIntoDeltas("Echo: I love programming.")).containsExactly("Echo:", " I", " love",
				" programming.");
		assertThat(AnswerPlanner.splitIntoDeltas("Echo: I ")).containsExactly("Echo:", " I ");
		assertThat(AnswerPlanner.splitIntoDeltas("")).isEmpty();
	}

	@Test
	void echoUsesTheNewestUserMessage() {
		JsonNode request = JSON.readTree("{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"old\"}]},"
				+ "{\"role\":\"assistant\",\"content\":[{\"text\":\"reply\"}]},"
				+ "{\"role\":\"user\",\"content\":[{\"text\":\"new \"},{\"image\":{}},{\"text\":\"one\"}]}]}");
		assertThat(AnswerPlanner.echoText(request)).isEqualTo("Echo: new one");
		assertThat(AnswerPlanner.countInputTokens(request)).isEqualTo(4);
	}

	@Test
	void modelPathDecodesPercentEscapesButNotPlus() {
		ModelPath path = ModelPath.parse("POST",
				"/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A1%3Ainference-profile%2Fa+b/converse-stream");
		assertThat(path.operation()).isEqualTo("ConverseStream");
		assertThat(path.modelId()).isEqualTo("arn:aws:bedrock:us-east-1:1:inference-profile/a+b");
		assertThat(ModelPath.parse("GET", "/model/m/converse")).isNull();
		assertThat(ModelPath.parse("POST", "/model/m/invoke")).isNull();
	}

}
