package dev.bedrockconverse.chat;

import java.util.ArrayList;
import java.util.List;

import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;

/**
 * A {@code @Tool} bean for the end-to-end tests; records the cities it was asked about.
 */
class WeatherTools {

	final List<String> cities = new ArrayList<>();

	@Tool(name = "get_weather", description = "Current weather in a city")
	Weather getWeather(@ToolParam(description = "The city name") String city) {
		this.cities.add(city);
		return new Weather(city, 21, "sunny");
	}

	/** The tool's answer. */
	record Weather(String city, int celsius, String sky) {
	}

}
