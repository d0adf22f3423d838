package dev.bedrockconverse.sample.chat;

import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.stereotype.Component;

/**
 * The sample's tool: a made-up weather service (it always reports 21 °C and sunny), so
 * the tool loop can be tried without any other API.
 */
@Component
class WeatherTools {

	@Tool(description = "Current weather in a city")
	Weather getWeather(@ToolParam(description = "The city name") String city) {
		return new Weather(city, 21, "sunny");
	}

	/**
	 * What the tool returns; sent back to the model as JSON.
	 *
	 * @param city the city
	 * @param celsius the celsius
	 * @param sky the sky
	 */
	record Weather(String city, int celsius, String sky) {
	}

}
