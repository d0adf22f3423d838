package dev.bedrockconverse.autoconfigure.clients;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Details of the connection to Amazon Bedrock Runtime: where the clients send requests
 * and how they authenticate. The auto-configured {@code BedrockRuntimeClient} and
 * {@code BedrockRuntimeAsyncClient} are built from the one bean of this type, through
 * {@link BedrockClientBuilderConfigurer}.
 * <p>
 * By default the details come from the {@code bedrock.converse.*} properties: the
 * {@code endpoint}, the region of the {@code AwsRegionProvider} bean, the
 * {@code AwsCredentialsProvider} bean, and the {@code api-key}. An application (or a test
 * slice such as the stub's {@code @AutoConfigureBedrockStub}) that defines its own bean
 * of this type replaces all four; the properties and the {@code AwsCredentialsProvider}
 * and {@code AwsRegionProvider} beans are then not used for the Bedrock clients.
 */
public interface BedrockConverseConnectionDetails extends ConnectionDetails {

	/**
	 * The endpoint override.
	 * @return the endpoint, or {@code null} (the default) for the SDK's regional endpoint
	 */
	default @Nullable URI getEndpoint() {
		return null;
	}

	/**
	 * The region of the endpoint and of the signatures.
	 * @return the region
	 */
	Region getRegion();

	/**
	 * The AWS credentials that sign requests with SigV4.
	 * @return the credentials provider, or {@code null} (the default) for the AWS SDK's
	 * default credentials provider chain
	 */
	default @Nullable AwsCredentialsProvider getCredentialsProvider() {
		return null;
	}

	/**
	 * A Bedrock API key to authenticate with ({@code Authorization: Bearer}) instead of a
	 * SigV4 signature; the credentials provider is then not consulted for Bedrock calls.
	 * @return the API key, or {@code null} (the default) to sign with AWS credentials
	 */
	default @Nullable String getApiKey() {
		return null;
	}

}
