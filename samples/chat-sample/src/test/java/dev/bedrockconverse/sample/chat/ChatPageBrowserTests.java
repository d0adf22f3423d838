package dev.bedrockconverse.sample.chat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Drives the chat page at {@code /} in a real headless Chromium: a message typed and sent
 * streams its answer over {@code GET /chat/stream}, and the page shows the finish reason,
 * the token usage and the time to first token. Skipped, saying why, when Chromium or its
 * driver is not installed (Debian's {@code chromium} and {@code chromium-driver});
 * {@code -Dsample.chromium=…} and {@code -Dsample.chromedriver=…} point elsewhere.
 * Selenium Manager never runs: both paths are given, so nothing is downloaded.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ChatPageBrowserTests {

	private static final Path CHROMIUM = Path.of(System.getProperty("sample.chromium", "/usr/bin/chromium"));

	private static final Path CHROMEDRIVER = Path
		.of(System.getProperty("sample.chromedriver", "/usr/bin/chromedriver"));

	/**
	 * Selenium warns when it has no DevTools (CDP) implementation for the installed
	 * Chromium's version; this test uses none. Held in fields, as JUL holds loggers
	 * weakly and would forget their level.
	 */
	private static final Logger CDP_VERSION_FINDER = quiet("org.openqa.selenium.devtools.CdpVersionFinder");

	private static final Logger CHROMIUM_DRIVER = quiet("org.openqa.selenium.chromium.ChromiumDriver");

	/** Where the test leaves a screenshot of the page after an answer. */
	static final Path SCREENSHOT = Path.of("target", "chat-page.png");

	@LocalServerPort
	private int port;

	private ChromeDriverService service;

	private ChromeDriver browser;

	@BeforeEach
	void startBrowser() throws IOException {
		// In @BeforeEach rather than @BeforeAll, so that the report counts the test as
		// skipped, with the reason.
		assumeTrue(Files.isExecutable(CHROMIUM), () -> "No Chromium at " + CHROMIUM
				+ ": install Debian's chromium and chromium-driver packages to run the chat page's browser test");
		assumeTrue(Files.isExecutable(CHROMEDRIVER), () -> "No ChromeDriver at " + CHROMEDRIVER
				+ ": install Debian's chromium-driver package to run the chat page's browser test");
		this.service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		// --no-sandbox: Chromium's sandbox refuses to run as root, as on CI.
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
				"--window-size=820,620", "--force-device-scale-factor=1");
		this.browser = new ChromeDriver(this.service, options);
	}

	@AfterEach
	void stopBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
		if (this.service != null) {
			this.service.stop();
		}
	}

	@Test
	void aMessageStreamsItsAnswerWithFinishReasonUsageAndTimeToFirstToken() throws IOException {
		this.browser.get("http://127.0.0.1:" + this.port + "/");
		assertThat(this.browser.getTitle()).isEqualTo("Bedrock Converse chat");

		WebElement answer = ask("I love programming.");
		// The stub echoes the message; it counts words: 3 in the prompt, 4 in the answer.
		assertThat(answer.findElement(By.className("text")).getText()).isEqualTo("Echo: I love programming.");
		assertThat(meta(answer, "finish-reason")).isEqualTo("END_TURN");
		assertThat(meta(answer, "input-tokens")).isEqualTo("3");
		assertThat(meta(answer, "output-tokens")).isEqualTo("4");
		assertThat(meta(answer, "total-tokens")).isEqualTo("7");
		assertThat(meta(answer, "time-to-first-token")).matches("\\d+ ms");

		// A second message gets its own answer, with its own finish reason.
		WebElement second = ask("[scenario:stop reason=max_tokens] Stream it again");
		assertThat(second.findElement(By.className("text")).getText()).isEqualTo("Echo: Stream it again");
		assertThat(meta(second, "finish-reason")).isEqualTo("MAX_TOKENS");
		assertThat(meta(second, "time-to-first-token")).matches("\\d+ ms");
		assertThat(this.browser.findElements(By.cssSelector(".answer[data-state='done']"))).hasSize(2);

		Files.createDirectories(SCREENSHOT.getParent());
		Path png = this.browser.getScreenshotAs(OutputType.FILE).toPath();
		Files.copy(png, SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
	}

	/**
	 * Types a message, sends it and waits until its answer has had its {@code done}
	 * event.
	 * @param message the message
	 * @return the answer's element
	 */
	private WebElement ask(String message) {
		int answers = this.browser.findElements(By.className("answer")).size();
		WebElement input = this.browser.findElement(By.id("message"));
		input.sendKeys(message);
		this.browser.findElement(By.id("send")).click();
		By answer = By.cssSelector(".turn:nth-child(" + (answers + 1) + ") .answer");
		new WebDriverWait(this.browser, Duration.ofSeconds(20))
			.until(ExpectedConditions.or(ExpectedConditions.attributeToBe(answer, "data-state", "done"),
					ExpectedConditions.attributeToBe(answer, "data-state", "error")));
		WebElement element = this.browser.findElement(answer);
		assertThat(element.getDomAttribute("data-state")).as("state of the answer to %s", message).isEqualTo("done");
		return element;
	}

	private static Logger quiet(String name) {
		Logger logger = Logger.getLogger(name);
		logger.setLevel(Level.SEVERE);
		return logger;
	}

	private static String meta(WebElement answer, String className) {
		return answer.findElement(By.className(className)).getText();
	}

}
