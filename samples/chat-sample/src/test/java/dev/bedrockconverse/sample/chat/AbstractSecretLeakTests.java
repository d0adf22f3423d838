package dev.bedrockconverse.sample.chat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.slf4j.LoggerFactory;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;

import dev.bedrockconverse.stub.BedrockStub;
import dev.bedrockconverse.stub.IssuedCredentials;
import dev.bedrockconverse.stub.StubAnswer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The checks of "no secret anywhere", run against the whole sample application in one
 * authentication mode by each subclass: a call and a stream over HTTP while every logger
 * (ours, Spring's, the AWS SDK's, Apache's and Netty's) is captured at TRACE, a failing
 * call's exception, {@code toString()} of every bean, and the actuator's {@code env} and
 * {@code configprops} endpoints with {@code show-values=always}.
 * <p>
 * Only the in-process stub's Jetty server is left out of the log check (see
 * {@link #isTheStubsJettyServer}).
 * <p>
 * The root logger is set to TRACE the way {@code logging.level.root=TRACE} would set it:
 * loggers with a level of their own keep it. Those include the few that the starter
 * quiets by default because they print credentials (see
 * {@code BedrockConverseLoggingDefaults}); an application that sets them to DEBUG
 * explicitly asks for secrets in its logs.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "bedrock.converse.endpoint=${test.stub.endpoint}", "bedrock.converse.region=us-east-1",
				"management.endpoints.web.exposure.include=env,configprops",
				"management.endpoint.env.show-values=always", "management.endpoint.configprops.show-values=always",
				"logging.threshold.console=WARN" })
abstract class AbstractSecretLeakTests {

	private static final String PROMPT = "I love programming.";

	private final HttpClient http = HttpClient.newHttpClient();

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>() {

		@Override
		protected void append(ILoggingEvent event) {
			// Logback fills in the thread name and formatted message lazily: fix them on
			// the logging thread.
			event.prepareForDeferredProcessing();
			super.append(event);
		}

	};

	/**
	 * The stub each subclass started, closed after that class.
	 */
	private static final Map<Class<?>, BedrockStub> STARTED = new ConcurrentHashMap<>();

	private Level rootLevel;

	@LocalServerPort
	private int port;

	@Autowired
	private ConfigurableApplicationContext context;

	/**
	 * The stub of this mode.
	 * @return the stub
	 */
	abstract BedrockStub stub();

	/**
	 * Start a stub that is closed after the test class.
	 * @param builder the stub's builder
	 * @return the started stub
	 */
	static BedrockStub started(BedrockStub.Builder builder) {
		Class<?> testClass = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).getCallerClass();
		BedrockStub stub = builder.build().start();
		STARTED.put(testClass, stub);
		return stub;
	}

	@AfterAll
	static void closeStub(TestInfo test) {
		BedrockStub stub = STARTED.remove(test.getTestClass().orElseThrow());
		if (stub != null) {
			stub.close();
		}
	}

	/**
	 * Point the application at a stub.
	 * @param registry the registry of the test's properties
	 * @param stub the stub
	 */
	static void stubEndpoint(DynamicPropertyRegistry registry, BedrockStub stub) {
		registry.add("test.stub.endpoint", () -> stub.endpoint().toString());
	}

	/**
	 * Sign with static keys.
	 * @param registry the registry of the test's properties
	 * @param accessKeyId the access key ID
	 * @param secret the secret access key
	 */
	static void staticKeys(DynamicPropertyRegistry registry, String accessKeyId, String secret) {
		registry.add("bedrock.converse.credentials.access-key-id", () -> accessKeyId);
		registry.add("bedrock.converse.credentials.secret-access-key", () -> secret);
	}

	/**
	 * A secret and every secret that a stub's STS has issued so far.
	 * @param stub the stub
	 * @param secret the secret of the mode
	 * @return the secrets
	 */
	static List<String> withIssuedCredentials(BedrockStub stub, String secret) {
		List<String> secrets = new ArrayList<>(List.of(secret));
		for (IssuedCredentials credentials : stub.issuedCredentials()) {
			secrets.add(credentials.secretAccessKey());
			secrets.add(credentials.sessionToken());
		}
		return secrets;
	}

	/**
	 * Every secret of this mode, including those issued while the test ran.
	 * @return the secrets
	 */
	abstract List<String> secrets();

	/**
	 * A value of this mode's {@code bedrock.converse.*} properties that is no secret and
	 * must therefore be shown by the actuator, proving that values are shown at all.
	 * @return the value
	 */
	abstract String shownValue();

	@BeforeEach
	void captureEveryLoggerAtTrace() {
		LoggerContext loggers = (LoggerContext) LoggerFactory.getILoggerFactory();
		Logger root = loggers.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		this.rootLevel = root.getLevel();
		root.setLevel(Level.TRACE);
		this.appender.setContext(loggers);
		this.appender.start();
		root.addAppender(this.appender);
	}

	@AfterEach
	void restoreLogging() {
		Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		root.detachAppender(this.appender);
		root.setLevel(this.rootLevel);
		this.appender.stop();
	}

	@Test
	void callAndStreamLogNoSecretAtTrace() throws Exception {
		HttpResponse<String> call = send(HttpRequest.newBuilder(uri("/chat"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"" + PROMPT + "\"}"))
			.build());
		assertThat(call.statusCode()).isEqualTo(200);
		assertThat(call.body()).contains("Echo: I love programming.");
		HttpResponse<String> stream = send(HttpRequest.newBuilder(uri("/chat/stream?message=I%20love%20programming."))
			.header("Accept", "text/event-stream")
			.GET()
			.build());
		assertThat(stream.statusCode()).isEqualTo(200);
		assertThat(stream.body()).contains("programming.");

		List<ILoggingEvent> events = List.copyOf(this.appender.list);
		// The capture really ran at DEBUG and TRACE, through the SDK's and Spring's
		// loggers.
		assertThat(events).anySatisfy((event) -> {
			assertThat(event.getLoggerName()).startsWith("software.amazon.awssdk");
			assertThat(event.getLevel().toInt()).isLessThanOrEqualTo(Level.DEBUG.toInt());
		});
		assertThat(events).anySatisfy((event) -> {
			assertThat(event.getLoggerName()).startsWith("org.springframework");
			assertThat(event.getLevel()).isEqualTo(Level.TRACE);
		});
		assertNoSecretIn(events);
	}

	@Test
	void failedCallShowsNoSecretInItsExceptionOrLogs() {
		stub().enqueue(StubAnswer.error(400, "ValidationException", "The model rejected the request."));
		Throwable thrown = catchThrowable(() -> this.context.getBean(ChatModel.class).call(new Prompt(PROMPT)));
		assertThat(thrown).isNotNull();
		String stackTrace = stackTrace(thrown);
		assertThat(stackTrace).contains("ValidationException");
		for (String secret : secrets()) {
			assertThat(stackTrace).doesNotContain(secret);
		}
		assertNoSecretIn(List.copyOf(this.appender.list));
	}

	@Test
	void actuatorEnvAndConfigpropsShowNoSecret() throws Exception {
		// Authenticate at least once, so that assumed credentials exist before they are
		// looked for.
		this.context.getBean(ChatModel.class).call(new Prompt(PROMPT));
		for (String path : List.of("/actuator/env", "/actuator/configprops")) {
			HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).GET().build());
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			assertThat(response.body()).as(path).contains(shownValue());
			for (String secret : secrets()) {
				assertThat(response.body()).as(path).doesNotContain(secret);
			}
		}
		assertNoSecretIn(List.copyOf(this.appender.list));
	}

	@Test
	void noBeanShowsASecretInToString() {
		this.context.getBean(ChatModel.class).call(new Prompt(PROMPT));
		List<String> checked = new ArrayList<>();
		for (String name : this.context.getBeanDefinitionNames()) {
			Object bean = this.context.getBean(name);
			String text = String.valueOf(bean);
			for (String secret : secrets()) {
				assertThat(text).as("toString() of bean '%s'", name).doesNotContain(secret);
			}
			checked.add(name);
		}
		assertThat(checked).contains("bedrock.converse-dev.bedrockconverse.autoconfigure.BedrockConverseProperties",
				"bedrockConverseCredentialsProvider", "bedrockRuntimeClient", "bedrockRuntimeAsyncClient",
				"chatBedrockConverse");
	}

	private void assertNoSecretIn(List<ILoggingEvent> events) {
		assertThat(events).isNotEmpty();
		List<String> secrets = secrets();
		// Every offending logger at once, so a failure names them all.
		Set<String> leaking = new TreeSet<>();
		for (ILoggingEvent event : events) {
			if (isTheStubsJettyServer(event)) {
				continue;
			}
			String line = event.getFormattedMessage() + " " + event.getMDCPropertyMap() + " " + event.getKeyValuePairs()
					+ ((event.getThrowableProxy() != null) ? ThrowableProxyUtil.asString(event.getThrowableProxy())
							: "");
			if (secrets.stream().anyMatch(line::contains)) {
				leaking.add(event.getLevel() + " " + event.getLoggerName() + " on " + event.getThreadName());
			}
		}
		assertThat(leaking).as("loggers that printed a secret among %d captured lines", events.size()).isEmpty();
	}

	/**
	 * Whether an event comes from the Jetty server inside the Bedrock stub: the stand-in
	 * for AWS, whose request parser logs the headers it receives at DEBUG. In production
	 * that server is AWS, not a part of the application. The stub's own loggers and
	 * everything on the application's threads are checked.
	 */
	private static boolean isTheStubsJettyServer(ILoggingEvent event) {
		return event.getLoggerName().startsWith("org.eclipse.jetty.")
				&& event.getThreadName().startsWith("bedrock-stub");
	}

	private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private static String stackTrace(Throwable ex) {
		StringWriter writer = new StringWriter();
		ex.printStackTrace(new PrintWriter(writer));
		return writer.toString();
	}

}
