package dev.bedrockconverse.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java example of the README's "Testing your own app against the stub" is the code of
 * {@link ReadmeStubExampleTests} between its {@code tag::readme[]} and
 * {@code end::readme[]} markers, after a plain {@code @SpringBootTest} (the test names
 * its application class and model, which an application has in its own code and
 * {@code application.yml}).
 */
class ReadmeStubExampleSourceTests {

	private static final Path README = Path.of("..", "README.md");

	private static final Path SOURCE = Path
		.of("src/test/java/dev/bedrockconverse/autoconfigure/ReadmeStubExampleTests.java");

	private static final String SECTION = "## Testing your own app against the stub";

	@Test
	void theReadmeShowsTheTestedExample() throws IOException {
		String source = Files.readString(SOURCE);
		String region = source.substring(source.indexOf("// tag::readme[]\n") + "// tag::readme[]\n".length(),
				source.indexOf("\t// end::readme[]"));
		String expected = "@SpringBootTest\n" + region.stripTrailing() + "\n\n}\n";

		String readme = Files.readString(README);
		int section = readme.indexOf(SECTION);
		assertThat(section).as("README section '%s'", SECTION).isNotNegative();
		int start = readme.indexOf("```java\n", section) + "```java\n".length();
		String example = readme.substring(start, readme.indexOf("```", start));

		assertThat(example).isEqualTo(expected);
	}

}
