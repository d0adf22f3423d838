package dev.bedrockconverse.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's property table agrees with the configuration metadata generated from the
 * properties classes: every property is listed, no listed property is unknown, and where
 * the metadata gives a default the table shows it.
 */
class ReadmePropertiesTableTests {

	private static final Path README = Path.of("..", "README.md");

	private static final Pattern NAME = Pattern.compile("`(bedrock\\.converse\\.[a-z0-9.-]+|\\.[a-z0-9.-]+)(\\.\\*)?`");

	@Test
	void everyPropertyIsInTheTableAndEveryRowIsAProperty() throws IOException {
		Map<String, String> table = table();
		assertThat(table.keySet()).containsExactlyInAnyOrderElementsOf(OptionsPropertiesDriftTests.propertyNames());
	}

	@Test
	void theTableShowsEveryDefaultOfTheMetadata() throws IOException {
		Map<String, String> table = table();
		for (JsonNode property : OptionsPropertiesDriftTests.metadata().path("properties")) {
			JsonNode defaultValue = property.path("defaultValue");
			if (!defaultValue.isMissingNode() && !defaultValue.isNull()) {
				String name = property.path("name").asString();
				assertThat(table.get(name)).as("README default of %s", name)
					.contains("`" + defaultValue.asString() + "`");
			}
		}
	}

	/**
	 * The property table under "## Properties": property name to its default cell. A cell
	 * may list several names; a name starting with '.' is relative to the parent of the
	 * name before it; a trailing '.*' marks a map.
	 */
	private static Map<String, String> table() throws IOException {
		List<String> lines = Files.readAllLines(README);
		int start = lines.indexOf("## Properties");
		assertThat(start).as("README section '## Properties'").isNotNegative();
		Map<String, String> table = new LinkedHashMap<>();
		boolean inTable = false;
		for (String line : lines.subList(start + 1, lines.size())) {
			if (line.startsWith("| property")) {
				inTable = true;
				continue;
			}
			if (inTable && !line.startsWith("|")) {
				break;
			}
			if (!inTable || line.startsWith("| ---")) {
				continue;
			}
			String[] cells = line.split("(?<!\\\\)\\|");
			String defaultCell = cells[2].strip();
			Matcher matcher = NAME.matcher(cells[1]);
			String previous = null;
			while (matcher.find()) {
				String name = matcher.group(1);
				if (name.startsWith(".")) {
					name = previous.substring(0, previous.lastIndexOf('.')) + name;
				}
				table.put(name, defaultCell);
				previous = name;
			}
		}
		return table;
	}

}
