package dev.bedrockconverse.chat.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.SdkServiceClientConfiguration;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.ResolveIdentityRequest;
import software.amazon.awssdk.identity.spi.TokenIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeServiceClientConfiguration;
import software.amazon.awssdk.services.bedrockruntime.auth.scheme.BedrockRuntimeAuthSchemeProvider;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;

import dev.bedrockconverse.chat.BedrockConverseChatOptions;
import dev.bedrockconverse.chat.BedrockConverseFallback;

/**
 * Where one attempt of a prepared request goes: the model id, and, when they differ from
 * the client's, the region, the endpoint and the credentials or API key. The first route
 * of a request is the one its options describe (a per-request tenant); each
 * {@link BedrockConverseFallback} gives one more, inheriting what it does not set.
 * <p>
 * Anything besides the model id is applied with a per-request {@link SdkPlugin} in the
 * request's override configuration: the SDK applies it to a copy of the client's
 * configuration for this request only, so one shared client serves every region, tenant
 * and API key. {@link #toString()} shows no credentials or key.
 *
 * @param modelId the model id or inference profile to send
 * @param region the region to send to and sign for, or {@code null} for the client's
 * @param endpoint the endpoint to send to, or {@code null} for the client's
 * @param tenant the per-request credentials or API key (its region is already in
 * {@code region})
 */
public record RequestRoute(String modelId, @Nullable String region, @Nullable URI endpoint,
		BedrockConverseChatOptions.Tenant tenant) {

	/**
	 * The Smithy names of the auth schemes, as the SDK's auth scheme preference takes
	 * them.
	 */
	private static final String SIGV4 = "sigv4";

	private static final String BEARER = "httpBearerAuth";

	/** How {@link #label} names a per-request tenant's region. */
	private static final String TENANT_REGION = "per-request-region";

	/**
	 * The routes of a request: the one its options describe, then one per fallback.
	 * @param options the merged options
	 * @param modelId the model id the request was prepared with
	 * @param fallbacks the fallbacks, in order
	 * @return the routes, at least one
	 */
	public static List<RequestRoute> of(BedrockConverseChatOptions options, String modelId,
			List<BedrockConverseFallback> fallbacks) {
		BedrockConverseChatOptions.Tenant tenant = options.getTenant();
		RequestRoute primary = new RequestRoute(modelId, tenant.region(), null, tenant);
		List<RequestRoute> routes = new ArrayList<>(fallbacks.size() + 1);
		routes.add(primary);
		for (BedrockConverseFallback fallback : fallbacks) {
			routes.add(new RequestRoute((fallback.model() != null) ? fallback.model() : modelId,
					(fallback.region() != null) ? fallback.region() : primary.region(), fallback.endpoint(), tenant));
		}
		return List.copyOf(routes);
	}

	/**
	 * The region this route answers from.
	 * @param clientRegion the client's region, or {@code null} if unknown
	 * @return this route's region, else the client's
	 */
	public @Nullable String regionOr(@Nullable String clientRegion) {
		return (this.region != null) ? this.region : clientRegion;
	}

	/**
	 * A low-cardinality name of this route, for meter tags and observation events: the
	 * model id and the region, from the configuration (a fallback's or the client's
	 * region). A per-request tenant's region is a runtime value that stays out of tags:
	 * it shows as {@value #TENANT_REGION}. Never credentials or endpoints.
	 * @param clientRegion the client's region, or {@code null} if unknown
	 * @return {@code model@region}, or the model id when the region is unknown
	 */
	public String label(@Nullable String clientRegion) {
		String answering = (this.region != null && this.region.equals(this.tenant.region())) ? TENANT_REGION
				: regionOr(clientRegion);
		return (answering != null) ? this.modelId + "@" + answering : this.modelId;
	}

	/**
	 * The request sent on this route.
	 * @param request the prepared request
	 * @return the request with this route's model id and plugin
	 */
	public ConverseRequest apply(ConverseRequest request) {
		SdkPlugin plugin = plugin();
		if (plugin == null && this.modelId.equals(request.modelId())) {
			return request;
		}
		ConverseRequest.Builder routed = request.toBuilder().modelId(this.modelId);
		if (plugin != null) {
			routed.overrideConfiguration((override) -> override.addPlugin(plugin));
		}
		return routed.build();
	}

	private @Nullable SdkPlugin plugin() {
		if (this.region == null && this.endpoint == null && this.tenant.credentialsProvider() == null
				&& this.tenant.apiKey() == null) {
			return null;
		}
		return new RoutePlugin(this.region, this.endpoint, this.tenant.credentialsProvider(), this.tenant.apiKey());
	}

	/**
	 * The model id and whether the rest is set, never the values of a tenant.
	 * @return a description
	 */
	@Override
	public String toString() {
		return "RequestRoute[modelId=" + this.modelId + ", region=" + this.region + ", endpoint=" + this.endpoint + ", "
				+ this.tenant + "]";
	}

	/**
	 * Sets the route's region, endpoint and authentication on the SDK's per-request copy
	 * of the client configuration.
	 */
	private static final class RoutePlugin implements SdkPlugin {

		private final @Nullable String region;

		private final @Nullable URI endpoint;

		private final @Nullable AwsCredentialsProvider credentialsProvider;

		private final @Nullable String apiKey;

		RoutePlugin(@Nullable String region, @Nullable URI endpoint,
				@Nullable AwsCredentialsProvider credentialsProvider, @Nullable String apiKey) {
			this.region = region;
			this.endpoint = endpoint;
			this.credentialsProvider = credentialsProvider;
			this.apiKey = apiKey;
		}

		@Override
		public void configureClient(SdkServiceClientConfiguration.Builder config) {
			BedrockRuntimeServiceClientConfiguration.Builder bedrock = (BedrockRuntimeServiceClientConfiguration.Builder) config;
			if (this.region != null) {
				bedrock.region(Region.of(this.region));
			}
			if (this.endpoint != null) {
				bedrock.endpointOverride(this.endpoint);
			}
			if (this.credentialsProvider != null) {
				bedrock.credentialsProvider(this.credentialsProvider);
				// A client configured for an API key prefers bearer authentication: this
				// request is signed.
				bedrock.authSchemeProvider(BedrockRuntimeAuthSchemeProvider.defaultProvider(List.of(SIGV4)));
			}
			if (this.apiKey != null) {
				bedrock.tokenProvider(new ApiKeyProvider(this.apiKey));
				// Without the preference the SDK keeps signing, since the client always
				// has a credentials provider.
				bedrock.authSchemeProvider(BedrockRuntimeAuthSchemeProvider.defaultProvider(List.of(BEARER)));
			}
		}

		@Override
		public String toString() {
			return "RequestRoute.RoutePlugin";
		}

	}

	/**
	 * A fixed Amazon Bedrock API key as the SDK's token identity; neither shows the key
	 * in {@code toString()} (the SDK's own {@code TokenIdentity.create} does).
	 */
	private static final class ApiKeyProvider implements IdentityProvider<TokenIdentity>, TokenIdentity {

		private final String apiKey;

		ApiKeyProvider(String apiKey) {
			this.apiKey = apiKey;
		}

		@Override
		public Class<TokenIdentity> identityType() {
			return TokenIdentity.class;
		}

		@Override
		public CompletableFuture<TokenIdentity> resolveIdentity(ResolveIdentityRequest request) {
			return CompletableFuture.completedFuture(this);
		}

		@Override
		public String token() {
			return this.apiKey;
		}

		@Override
		public String toString() {
			return "ApiKey(****)";
		}

	}

}
