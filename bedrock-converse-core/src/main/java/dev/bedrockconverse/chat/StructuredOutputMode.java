package dev.bedrockconverse.chat;

/**
 * How an output JSON schema ({@code outputSchema}, set by Spring AI's native structured
 * output support) is sent to Bedrock.
 */
public enum StructuredOutputMode {

	/**
	 * Converse's native {@code outputConfig.textFormat} of type {@code json_schema}: the
	 * model answers text that is a JSON instance of the schema. The default.
	 */
	NATIVE,

	/**
	 * For models without native structured output: the schema becomes the input schema of
	 * a tool named {@value ChatBedrockConverse#STRUCTURED_OUTPUT_TOOL_NAME} that the
	 * model is forced to call; the tool's input is returned as the answer text. Cannot be
	 * combined with other tools or a tool choice.
	 */
	TOOL

}
