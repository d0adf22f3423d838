package dev.bedrockconverse.sample.chat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Launches the packaged sample jar, whose bean definitions Spring AOT generated at build
 * time ({@code spring-boot:process-aot}), with {@code -Dspring.aot.enabled=true} in a
 * child JVM, and runs the sample's HTTP tests against it: the AOT-processed application
 * starts (Spring Boot refuses to start in AOT mode when the generated initializer is
 * missing) and answers {@code /chat}, {@code /chat/stream}, {@code /chat/tools},
 * {@code /chat/structured} and its errors as the application started in the test's JVM
 * does. Runs under failsafe, after {@code package}.
 */
class ChatSampleAotIntegrationTests extends AbstractChatSampleHttpTests {

	private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

	private static final String STARTED = "Started ChatSampleApplication";

	private static final List<String> output = new ArrayList<>();

	private static Process process;

	private static int port;

	private static List<String> startupOutput;

	@BeforeAll
	static void startTheAotProcessedJar() throws Exception {
		Path jar = Paths.get(System.getProperty("sample.jar", "target/chat-sample.jar"));
		assertThat(jar).exists();
		try (JarFile file = new JarFile(jar.toFile())) {
			// What process-aot generated: the application's bean definitions as code.
			assertThat(file.getEntry("BOOT-INF/classes/dev/bedrockconverse/sample/chat/"
					+ "ChatSampleApplication__ApplicationContextInitializer.class"))
				.as("the AOT-generated initializer in the jar")
				.isNotNull();
		}
		String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
		process = new ProcessBuilder(java, "-Dspring.aot.enabled=true", "-Daws.disableEc2Metadata=true", "-jar",
				jar.toString(), "--server.port=0", "--spring.main.banner-mode=off")
			.redirectErrorStream(true)
			.start();
		CompletableFuture<Integer> started = new CompletableFuture<>();
		Thread reader = new Thread(() -> readOutput(started), "aot-sample-output");
		reader.setDaemon(true);
		reader.start();
		// A wide margin: the machine is shared and loaded.
		port = started.get(180, TimeUnit.SECONDS);
		synchronized (output) {
			startupOutput = List.copyOf(output);
		}
	}

	private static void readOutput(CompletableFuture<Integer> started) {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			int listening = 0;
			while ((line = lines.readLine()) != null) {
				synchronized (output) {
					output.add(line);
				}
				Matcher matcher = PORT.matcher(line);
				if (matcher.find()) {
					listening = Integer.parseInt(matcher.group(1));
				}
				if (line.contains(STARTED) && listening > 0) {
					started.complete(listening);
				}
			}
			started.completeExceptionally(new IllegalStateException("The AOT-processed sample exited ("
					+ process.waitFor() + ") before it started:\n" + String.join("\n", output)));
		}
		catch (Exception ex) {
			started.completeExceptionally(ex);
		}
	}

	@AfterAll
	static void stop() throws Exception {
		if (process != null) {
			process.destroy();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
			}
		}
	}

	@Test
	void startsWithoutWarningsOrErrors() {
		assertThat(startupOutput).noneMatch((line) -> line.contains(" ERROR ") || line.contains(" WARN "));
	}

	@Override
	protected int port() {
		return port;
	}

}
