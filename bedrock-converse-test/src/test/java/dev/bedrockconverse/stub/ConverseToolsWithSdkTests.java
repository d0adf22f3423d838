package dev.bedrockconverse.stub;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.JsonSchemaDefinition;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.OutputConfig;
import software.amazon.awssdk.services.bedrockruntime.model.OutputFormat;
import software.amazon.awssdk.services.bedrockruntime.model.OutputFormatStructure;
import software.amazon.awssdk.services.bedrockruntime.model.SpecificToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolInputSchema;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolSpecification;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;

import dev.bedrockconverse.stub.junit.BedrockStubExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stub's tool, tool-result, structured-output and response-field rules through the
 * real AWS SDK v2 clients.
 */
@ExtendWith(BedrockStubExtension.class)
class ConverseToolsWithSdkTests {

	/** A schema exercising every generation rule. */
	private static final Document FORECAST_SCHEMA = Document.mapBuilder()
		.putString("type", "object")
		.putDocument("properties", Document.mapBuilder()
			.putDocument("city", Document.mapBuilder().putString("type", "string").build())
			.putDocument("unit",
					Document.mapBuilder()
						.putString("type", "string")
						.putList("enum", List.of(Document.fromString("celsius"), Document.fromString("fahrenheit")))
						.build())
			.putDocument("days", Document.mapBuilder().putString("type", "integer").putNumber("minimum", 3).build())
			.putDocument("ratio", Document.mapBuilder().putString("type", "number").build())
			.putDocument("hourly", Document.mapBuilder().putString("type", "boolean").build())
			.putDocument("tags",
					Document.mapBuilder()
						.putString("type", "array")
						.putDocument("items", Document.mapBuilder().putString("type", "string").build())
						.build())
			.putDocument("where",
					Document.mapBuilder()
						.putString("type", "object")
						.putDocument("properties",
								Document.mapBuilder()
									.putDocument("lat", Document.mapBuilder().putString("type", "number").build())
									.build())
						.build())
			.build())
		.build();

	private static final String FORECAST_INPUT = "{\"city\":\"stub-city\",\"unit\":\"celsius\",\"days\":3,\"ratio\":1,"
			+ "\"hourly\":true,\"tags\":[\"stub-tags\"],\"where\":{\"lat\":1}}";

	private static Tool tool(String name, Document schema) {
		return Tool.fromToolSpec(ToolSpecification.builder()
			.name(name)
			.description("A tool")
			.inputSchema(ToolInputSchema.fromJson(schema))
			.build());
	}

	private static ToolConfiguration tools(ToolChoice choice) {
		Document empty = Document.mapBuilder().putString("type", "object").build();
		return ToolConfiguration.builder()
			.tools(tool("forecast", FORECAST_SCHEMA), tool("get_time", empty))
			.toolChoice(choice)
			.build();
	}

	@Test
	void toolsWithoutAPendingResultGetAToolUseOfTheFirstToolWithInputFromItsSchema(BedrockStub stub) {
		try (BedrockRuntimeClient client = SdkClients.apache(stub, SdkClients.testCredentials())) {
			ConverseResponse response = client
				.converse(SdkClients.request("Forecast?").toolConfig(tools(null)).build());

			assertThat(response.stopReason()).isEqualTo(StopReason.TOOL_USE);
			ToolUseBlock toolUse = response.output().message().content().get(0).toolUse();
			assertThat(toolUse.name()).isEqualTo("forecast");
			assertThat(toolUse.toolUseId()).isEqualTo("tooluse_stub_1");
			Map<String, Document> input = toolUse.input().asMap();
			assertThat(input.get("city").asString()).isEqualTo("stub-city");
			assertThat(input.get("unit").asString()).isEqualTo("celsius");
			assertThat(input.get("days").asNumber().intValue()).isEqualTo(3);
			assertThat(input.get("ratio").asNumber().intValue()).isEqualTo(1);
			assertThat(input.get("hourly").asBoolean()).isTrue();
			assertThat(input.get("tags").asList()).extracting(Document::asString).containsExactly("stub-tags");
			assertThat(input.get("where").asMap().get("lat").asNumber().intValue()).isEqualTo(1);
		}
	}

	@Test
	void aForcedToolIsTheOneUsed(BedrockStub stub) {
		ToolChoice forced = ToolChoice.fromTool(SpecificToolChoice.builder().name("get_time").build());
		try (BedrockRuntimeClient client = SdkClients.apache(stub, SdkClients.testCredentials())) {
			ConverseResponse response = client.converse(SdkClients.request("Time?").toolConfig(tools(forced)).build());

			assertThat(response.output().message().content().get(0).toolUse().name()).isEqualTo("get_time");
		}
	}

	@Test
	void aStreamedToolUseArrivesInSeveralFragmentsThatJoinToTheInput(BedrockStub stub) {
		try (BedrockRuntimeAsyncClient client = SdkClients.netty(stub, Protocol.HTTP2, SdkClients.testCredentials())) {
			SdkClients.StreamResult result = SdkClients.stream(client,
					SdkClients.streamRequest("Forecast?").toolConfig(tools(null)).build());

			assertThat(result.toolUseStarts).containsExactly("tooluse_stub_1 forecast");
			assertThat(result.toolInputFragments).hasSizeGreaterThan(1);
			assertThat(String.join("", result.toolInputFragments)).isEqualTo(FORECAST_INPUT);
			assertThat(result.stopReason).isEqualTo("tool_use");
		}
	}

	@Test
	void aToolResultIsAnsweredWithWhatTheToolReturned(BedrockStub stub) {
		Message assistant = Message.builder()
			.role(ConversationRole.ASSISTANT)
			.content(ContentBlock.fromToolUse(ToolUseBlock.builder()
				.toolUseId("t-1")
				.name("forecast")
				.input(Document.mapBuilder().putString("city", "Oslo").build())
				.build()))
			.build();
		Message results = Message.builder()
			.role(ConversationRole.USER)
			.content(ContentBlock.fromToolResult(ToolResultBlock.builder()
				.toolUseId("t-1")
				.content(ToolResultContentBlock.fromJson(Document.mapBuilder().putNumber("celsius", 9).build()))
				.build()))
			.build();
		try (BedrockRuntimeClient client = SdkClients.apache(stub, SdkClients.testCredentials())) {
			ConverseResponse response = client.converse(ConverseRequest.builder()
				.modelId(SdkClients.MODEL_ID)
				.messages(SdkClients.user("Forecast?"), assistant, results)
				.toolConfig(tools(null))
				.build());

			assertThat(response.output().message().content().get(0).text())
				.isEqualTo("Tool forecast returned: {\"celsius\":9}");
			assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
		}
	}

	@Test
	void anOutputSchemaIsAnsweredWithAJsonInstance(BedrockStub stub) {
		OutputConfig outputConfig = OutputConfig.builder()
			.textFormat(OutputFormat.builder()
				.type("json_schema")
				.structure(OutputFormatStructure.builder()
					.jsonSchema(JsonSchemaDefinition.builder()
						.name("answer")
						.schema("{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},"
								+ "\"size\":{\"$ref\":\"#/$defs/Size\"}},\"$defs\":{\"Size\":{\"enum\":[\"S\",\"L\"]}}}")
						.build())
					.build())
				.build())
			.build();
		try (BedrockRuntimeClient client = SdkClients.apache(stub, SdkClients.testCredentials())) {
			ConverseResponse response = client
				.converse(SdkClients.request("Describe").outputConfig(outputConfig).build());

			assertThat(response.output().message().content().get(0).text())
				.isEqualTo("{\"name\":\"stub-name\",\"size\":\"S\"}");
		}
	}

	@Test
	void requestedResponseFieldPathsAreReturned(BedrockStub stub) {
		try (BedrockRuntimeClient client = SdkClients.apache(stub, SdkClients.testCredentials())) {
			ConverseResponse response = client
				.converse(SdkClients.request("Hi").additionalModelResponseFieldPaths("/stop_sequence").build());

			assertThat(response.additionalModelResponseFields().asMap().get("stop_sequence").asString())
				.isEqualTo("stub-stop_sequence");
		}
	}

}
