package dev.bedrockconverse.sample.chat;

import java.util.List;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /chat/tools} lets the model call {@link WeatherTools} (ChatClient runs the
 * tool loop); {@code POST /chat/structured} answers a {@link CityFacts} record through
 * Bedrock's native structured output.
 */
@RestController
class AssistantController {

	private final ChatClient chatClient;

	private final WeatherTools weatherTools;

	AssistantController(ChatModel chatModel, WeatherTools weatherTools) {
		this.chatClient = ChatClient.create(chatModel);
		this.weatherTools = weatherTools;
	}

	@PostMapping("/chat/tools")
	ToolsReply tools(@RequestBody ChatController.ChatRequest request) {
		String content = this.chatClient.prompt(request.message()).tools(this.weatherTools).call().content();
		return new ToolsReply(content);
	}

	@PostMapping("/chat/structured")
	CityFacts structured(@RequestBody ChatController.ChatRequest request) {
		return this.chatClient.prompt(request.message())
			.call()
			.entity(CityFacts.class, (spec) -> spec.useProviderStructuredOutput());
	}

	/**
	 * The answer after the tool loop.
	 *
	 * @param content the content
	 */
	record ToolsReply(String content) {
	}

	/**
	 * The structured answer of {@code POST /chat/structured}.
	 *
	 * @param name the name
	 * @param country the country
	 * @param population the population
	 * @param landmarks the landmarks
	 */
	record CityFacts(String name, String country, int population, List<String> landmarks) {
	}

}
