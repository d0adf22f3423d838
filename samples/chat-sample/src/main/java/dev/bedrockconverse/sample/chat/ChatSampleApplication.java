package dev.bedrockconverse.sample.chat;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A web app that chats through the auto-configured {@code ChatModel}. Without the
 * {@code aws} profile it talks to a Bedrock stub started in-process, so it runs with no
 * AWS account.
 */
@SpringBootApplication
public class ChatSampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(ChatSampleApplication.class, args);
	}

}
