package dev.bedrockconverse.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;

import dev.bedrockconverse.autoconfigure.chat.BedrockConverseChatAutoConfiguration;
import dev.bedrockconverse.autoconfigure.clients.BedrockConverseClientAutoConfiguration;
import dev.bedrockconverse.autoconfigure.credentials.BedrockConverseCredentialsAutoConfiguration;
import dev.bedrockconverse.autoconfigure.health.BedrockConverseHealthAutoConfiguration;
import dev.bedrockconverse.autoconfigure.observation.BedrockConverseObservationAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configurations are registered in
 * {@code META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports}.
 */
class AutoConfigurationImportsTests {

	@Test
	void allAutoConfigurationsAreRegistered() {
		List<String> candidates = ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader())
			.getCandidates();
		assertThat(candidates).contains(BedrockConverseCredentialsAutoConfiguration.class.getName(),
				BedrockConverseClientAutoConfiguration.class.getName(),
				BedrockConverseChatAutoConfiguration.class.getName(),
				BedrockConverseSanitizingAutoConfiguration.class.getName(),
				BedrockConverseObservationAutoConfiguration.class.getName(),
				BedrockConverseHealthAutoConfiguration.class.getName());
	}

}
