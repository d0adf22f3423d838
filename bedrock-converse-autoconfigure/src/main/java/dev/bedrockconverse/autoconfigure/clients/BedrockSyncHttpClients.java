package dev.bedrockconverse.autoconfigure.clients;

import software.amazon.awssdk.http.apache5.Apache5HttpClient;

import dev.bedrockconverse.autoconfigure.BedrockConverseProperties;

/**
 * The synchronous (Apache HTTP client 5) HTTP client of the auto-configured AWS clients:
 * the Bedrock Runtime client and the STS client of assumed roles share it. A class of its
 * own so that nothing else loads the optional Apache client.
 */
public final class BedrockSyncHttpClients {

	private BedrockSyncHttpClients() {
	}

	/**
	 * A builder of the synchronous HTTP client with the configured timeouts.
	 * @param client the client properties
	 * @return the builder
	 */
	public static Apache5HttpClient.Builder builder(BedrockConverseProperties.Client client) {
		Apache5HttpClient.Builder builder = Apache5HttpClient.builder();
		if (client.getConnectTimeout() != null) {
			builder.connectionTimeout(client.getConnectTimeout());
		}
		if (client.getReadTimeout() != null) {
			builder.socketTimeout(client.getReadTimeout());
		}
		return builder;
	}

}
