package dev.bedrockconverse.stub;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Other languages' AWS SDKs against the standalone stub jar, as a user runs it
 * ({@code java -jar ...-standalone.jar --port 0}): the AWS SDK for JavaScript v3
 * (installed with {@code npm install} into {@code target/live-js}) over HTTP/2 and
 * HTTP/1.1, and botocore. Each gets 200 with the test credentials and 403
 * {@code InvalidSignatureException} with a wrong secret. Skipped, with the reason, when
 * {@code node}/{@code npm} or {@code python3} with a botocore that knows Converse are not
 * on the machine, so {@code mvn verify} passes with only a JDK and Maven. Everything
 * stays on 127.0.0.1 (npm aside, which fetches the SDK from the registry).
 */
class LiveClientsIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Path TARGET = Path.of(System.getProperty("live.target.dir", "target"));

	private static Process stub;

	private static String endpoint;

	@BeforeAll
	static void startStandaloneStub() throws IOException {
		Path jar = Path.of(System.getProperty("stub.standalone.jar", "missing"));
		assumeTrue(Files.isRegularFile(jar), "The standalone stub jar is not built: " + jar);
		String java = ProcessHandle.current().info().command().orElse("java");
		stub = new ProcessBuilder(java, "-jar", jar.toString(), "--port", "0")
			.redirectError(TARGET.resolve("live-stub.stderr.log").toFile())
			.start();
		BufferedReader out = new BufferedReader(new InputStreamReader(stub.getInputStream(), StandardCharsets.UTF_8));
		Pattern listening = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");
		for (String line = out.readLine(); line != null; line = out.readLine()) {
			Matcher matcher = listening.matcher(line);
			if (matcher.find()) {
				endpoint = matcher.group(1);
				break;
			}
		}
		assertThat(endpoint).as("the standalone stub's endpoint").isNotNull();
		System.out.println("[live] standalone stub " + jar.getFileName() + " at " + endpoint);
	}

	@AfterAll
	static void stopStandaloneStub() throws InterruptedException {
		if (stub != null) {
			stub.destroy();
			stub.waitFor(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void javascriptSdkV3() throws Exception {
		Result node = run(TARGET, 30, "node", "--version");
		assumeTrue(node != null && node.exit() == 0, "node is not on the PATH");
		Result npm = run(TARGET, 30, "npm", "--version");
		assumeTrue(npm != null && npm.exit() == 0, "npm is not on the PATH");
		Path dir = Files.createDirectories(TARGET.resolve("live-js"));
		copy("/live/js/package.json", dir.resolve("package.json"));
		copy("/live/js/live.mjs", dir.resolve("live.mjs"));
		Result install = run(dir, 600, "npm", "install", "--no-audit", "--no-fund", "--loglevel=error");
		assumeTrue(install != null && install.exit() == 0,
				"npm install @aws-sdk/client-bedrock-runtime failed (registry unreachable?): "
						+ ((install != null) ? install.output() : "not run or timed out"));
		System.out.println("[live] node " + node.output().strip() + ", npm " + npm.output().strip());

		List<JsonNode> good = lines(run(dir, 120, "node", "live.mjs", endpoint, BedrockStub.TEST_ACCESS_KEY_ID,
				BedrockStub.TEST_SECRET_ACCESS_KEY));
		assertThat(good).extracting((r) -> r.get("name").asString())
			.containsExactly("h2-converse", "h2-converse-stream", "h2-tool-call", "h1-converse", "h1-converse-stream",
					"h1-tool-call");
		for (JsonNode result : good) {
			assertThat(result.get("ok").asBoolean()).as(result.toString()).isTrue();
			assertThat(result.get("status").asInt()).isEqualTo(200);
		}
		assertThat(good.get(0).get("text").asString()).isEqualTo("Echo: Hello from JavaScript");
		assertThat(good.get(1).get("text").asString()).isEqualTo("Echo: Hello from JavaScript");
		assertThat(good.get(2).get("tool").asString()).isEqualTo("get_weather");
		assertThat(good.get(2).get("stopReason").asString()).isEqualTo("tool_use");
		assertThat(good.get(2).get("text").asString()).isEqualTo("Tool get_weather returned: sunny");

		assertRefused(
				lines(run(dir, 120, "node", "live.mjs", endpoint, BedrockStub.TEST_ACCESS_KEY_ID, "not-the-secret")),
				6);
	}

	@Test
	void botocore() throws Exception {
		Result python = run(TARGET, 30, "python3", "-c",
				"import botocore, botocore.session; ops = botocore.session.get_session()"
						+ ".get_service_model('bedrock-runtime').operation_names; "
						+ "assert 'Converse' in ops and 'ConverseStream' in ops, 'no Converse in this botocore'; "
						+ "print(botocore.__version__)");
		assumeTrue(python != null && python.exit() == 0,
				"python3 with a botocore that has Converse (1.34.116 or later) is not on the PATH: "
						+ ((python != null) ? python.output().strip() : "python3 not found or timed out"));
		System.out.println("[live] botocore " + python.output().strip());
		Path script = TARGET.resolve("live_botocore.py");
		copy("/live/python/live_botocore.py", script);

		List<JsonNode> good = lines(run(TARGET, 120, "python3", script.toString(), endpoint,
				BedrockStub.TEST_ACCESS_KEY_ID, BedrockStub.TEST_SECRET_ACCESS_KEY));
		assertThat(good).extracting((r) -> r.get("name").asString()).containsExactly("converse", "converse-stream");
		for (JsonNode result : good) {
			assertThat(result.get("ok").asBoolean()).as(result.toString()).isTrue();
			assertThat(result.get("status").asInt()).isEqualTo(200);
			assertThat(result.get("text").asString()).isEqualTo("Echo: Hello from Python");
			assertThat(result.get("stopReason").asString()).isEqualTo("end_turn");
		}

		assertRefused(lines(run(TARGET, 120, "python3", script.toString(), endpoint, BedrockStub.TEST_ACCESS_KEY_ID,
				"not-the-secret")), 2);
	}

	private static void assertRefused(List<JsonNode> results, int expected) {
		assertThat(results).hasSize(expected);
		for (JsonNode result : results) {
			assertThat(result.get("ok").asBoolean()).as(result.toString()).isFalse();
			assertThat(result.get("status").asInt()).isEqualTo(403);
			assertThat(result.get("error").asString()).isEqualTo("InvalidSignatureException");
			assertThat(result.get("message").asString())
				.startsWith("The request signature we calculated does not match the signature you provided.");
		}
	}

	private static List<JsonNode> lines(Result result) {
		assertThat(result).as("the client process finished").isNotNull();
		System.out.println(result.output().strip().indent(8));
		assertThat(result.exit()).as(result.output()).isZero();
		List<JsonNode> lines = new ArrayList<>();
		for (String line : result.output().split("\n")) {
			if (line.startsWith("{")) {
				lines.add(JSON.readTree(line));
			}
		}
		return lines;
	}

	private static void copy(String resource, Path to) throws IOException {
		try (InputStream in = LiveClientsIT.class.getResourceAsStream(resource)) {
			Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	/**
	 * Runs a command; stdout only in the output, stderr to a log. Null on timeout or
	 * absence.
	 */
	private static Result run(Path dir, int timeoutSeconds, String... command) throws InterruptedException {
		try {
			Process process = new ProcessBuilder(command).directory(dir.toFile())
				.redirectError(ProcessBuilder.Redirect.appendTo(TARGET.resolve("live-clients.stderr.log").toFile()))
				.start();
			process.getOutputStream().close();
			byte[] out = process.getInputStream().readAllBytes();
			if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return null;
			}
			return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			return null;
		}
	}

	record Result(int exit, String output) {
	}

}
