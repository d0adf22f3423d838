package dev.bedrockconverse.sample.chat;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Runs the sample as a user would, on a random port with its default profile (the
 * in-process stub), and talks to it over HTTP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ChatSampleApplicationTests extends AbstractChatSampleHttpTests {

	@LocalServerPort
	private int port;

	@Override
	protected int port() {
		return this.port;
	}

}
