package dev.bedrockconverse.chat;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * Where {@link ChatBedrockConverse} sends a request when the previous destination failed
 * in a way another one may not: throttled, unavailable, model not ready or model timeout,
 * once the SDK's own retries are exhausted (see
 * {@link ChatBedrockConverse.Builder#fallbacks}). Each field that is set replaces that
 * part of the request; what is left unset (and the credentials, always) is inherited from
 * the request as it was first prepared.
 *
 * @param region the AWS region to send to (it signs the request and, without an endpoint,
 * picks the regional endpoint), or {@code null} to keep the request's
 * @param model the model id or inference profile to send instead, or {@code null} to keep
 * the request's
 * @param endpoint the endpoint to send to, or {@code null} to keep the client's (its
 * endpoint override, or the regional endpoint of the region)
 */
public record BedrockConverseFallback(@Nullable String region, @Nullable String model, @Nullable URI endpoint) {

	/**
	 * Validate the fields.
	 * @param region the region
	 * @param model the model
	 * @param endpoint the endpoint
	 */
	public BedrockConverseFallback {
		if (region == null && model == null && endpoint == null) {
			throw new IllegalArgumentException(
					"A fallback must set a region, a model or an endpoint; a fallback with none would resend "
							+ "the same request to the same place");
		}
		if (region != null && region.isBlank()) {
			throw new IllegalArgumentException("A fallback's region must not be blank; set it, e.g. 'us-west-2'");
		}
		if (model != null && model.isBlank()) {
			throw new IllegalArgumentException(
					"A fallback's model must not be blank; set a model id or inference profile");
		}
		if (endpoint != null && (endpoint.getScheme() == null || endpoint.getHost() == null)) {
			throw new IllegalArgumentException(
					"A fallback's endpoint must be an absolute URI with a host, e.g. https://bedrock-runtime.us-west-2.amazonaws.com, but is '"
							+ endpoint + "'");
		}
	}

	/**
	 * The same request in another region.
	 * @param region the region, e.g. {@code us-west-2}
	 * @return the fallback
	 */
	public static BedrockConverseFallback region(String region) {
		return new BedrockConverseFallback(region, null, null);
	}

	/**
	 * The same request to another model or inference profile.
	 * @param model the model id or inference profile
	 * @return the fallback
	 */
	public static BedrockConverseFallback model(String model) {
		return new BedrockConverseFallback(null, model, null);
	}

}
