package dev.bedrockconverse.autoconfigure.stub;

import java.net.URI;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

import dev.bedrockconverse.autoconfigure.clients.BedrockConverseClientAutoConfiguration;
import dev.bedrockconverse.autoconfigure.clients.BedrockConverseConnectionDetails;
import dev.bedrockconverse.stub.BedrockStub;

/**
 * Auto-configuration of a Bedrock stub for the application: a started {@link BedrockStub}
 * on a random {@code 127.0.0.1} port, closed with the context, and
 * {@link BedrockConverseConnectionDetails} pointing at it (region {@code us-east-1}, the
 * stub's test keys), which replace the properties-backed ones. Not an auto-configuration
 * of every application: {@code @AutoConfigureBedrockStub} (in
 * {@code bedrock-converse-test}) imports it through
 * {@code META-INF/spring/dev.bedrockconverse.stub.spring.AutoConfigureBedrockStub.imports},
 * and an application can import it itself (the chat sample's default profile does).
 * <p>
 * An application's own {@code BedrockStub} bean (built with other options) is used
 * instead of the default one; an application's own
 * {@link BedrockConverseConnectionDetails} bean still wins over the stub's.
 */
@AutoConfiguration(before = BedrockConverseClientAutoConfiguration.class)
@ConditionalOnClass(BedrockStub.class)
public final class BedrockStubConnectionAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	BedrockStub bedrockStub() {
		return BedrockStub.builder().build().start();
	}

	@Bean
	@ConditionalOnMissingBean(BedrockConverseConnectionDetails.class)
	StubConnectionDetails bedrockStubConnectionDetails(BedrockStub bedrockStub) {
		return new StubConnectionDetails(bedrockStub);
	}

	/**
	 * The connection details of a started stub: its endpoint, {@code us-east-1} and the
	 * keys it accepts by default.
	 */
	static final class StubConnectionDetails implements BedrockConverseConnectionDetails {

		private final BedrockStub stub;

		private final AwsCredentialsProvider credentials = StaticCredentialsProvider
			.create(AwsBasicCredentials.create(BedrockStub.TEST_ACCESS_KEY_ID, BedrockStub.TEST_SECRET_ACCESS_KEY));

		StubConnectionDetails(BedrockStub stub) {
			this.stub = stub;
		}

		@Override
		public URI getEndpoint() {
			return this.stub.endpoint();
		}

		@Override
		public Region getRegion() {
			return Region.US_EAST_1;
		}

		@Override
		public AwsCredentialsProvider getCredentialsProvider() {
			return this.credentials;
		}

		@Override
		public String toString() {
			return "StubConnectionDetails(" + this.stub + ")";
		}

	}

}
