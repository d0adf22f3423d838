package dev.bedrockconverse.sample.chat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;

import dev.bedrockconverse.stub.BedrockStub;

/**
 * Starts a Bedrock stub in-process and points {@code bedrock.converse.*} at it, unless
 * the {@code aws} profile is active or an endpoint is configured. This is what lets a
 * newcomer run the sample with no AWS account.
 */
class EmbeddedBedrockStubEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** The profile that talks to real Amazon Bedrock instead of the stub. */
	static final String AWS_PROFILE = "aws";

	private static final String PROPERTY_SOURCE_NAME = "embeddedBedrockStub";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.acceptsProfiles(Profiles.of(AWS_PROFILE))
				|| environment.containsProperty("bedrock.converse.endpoint")
				|| environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
			return;
		}
		int port = environment.getProperty("sample.stub.port", Integer.class, 0);
		BedrockStub stub = BedrockStub.builder().port(port).build().start();
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("bedrock.converse.endpoint", stub.endpoint().toString());
		properties.put("bedrock.converse.region", "us-east-1");
		// The stub checks SigV4 signatures against its own documented test key pair.
		properties.put("bedrock.converse.credentials.access-key-id", BedrockStub.TEST_ACCESS_KEY_ID);
		properties.put("bedrock.converse.credentials.secret-access-key", BedrockStub.TEST_SECRET_ACCESS_KEY);
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
		application.addListeners((ApplicationListener<ContextClosedEvent>) (event) -> stub.close());
	}

	@Override
	public int getOrder() {
		// After config data, so that profiles and properties from application.yml are
		// known.
		return Ordered.LOWEST_PRECEDENCE;
	}

}
