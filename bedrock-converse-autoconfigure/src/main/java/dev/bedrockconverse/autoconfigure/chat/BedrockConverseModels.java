package dev.bedrockconverse.autoconfigure.chat;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.observation.ChatModelObservationConvention;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import dev.bedrockconverse.autoconfigure.BedrockConverseProperties;
import dev.bedrockconverse.autoconfigure.InvalidBedrockConverseConfigurationException;
import dev.bedrockconverse.autoconfigure.clients.BedrockClientBuilderConfigurer;
import dev.bedrockconverse.autoconfigure.clients.BedrockConverseClientAutoConfiguration;
import dev.bedrockconverse.autoconfigure.clients.BedrockRuntimeAsyncClientBuilderCustomizer;
import dev.bedrockconverse.autoconfigure.clients.BedrockRuntimeClientBuilderCustomizer;
import dev.bedrockconverse.chat.BedrockConverseChatOptions;
import dev.bedrockconverse.chat.BedrockConverseFallback;
import dev.bedrockconverse.chat.ChatBedrockConverse;
import dev.bedrockconverse.chat.observation.BedrockConverseObservationDetails;

/**
 * Builds the auto-configured chat models: the primary one ({@code bedrock.converse.*})
 * and the named ones ({@code bedrock.converse.models.<name>.*}), with the same settings
 * (observation, stream timeouts, merging of consecutive messages) and the start-up check.
 * A named model uses the auto-configured clients when its region and endpoint are theirs;
 * otherwise it gets clients built like them, with only the region or endpoint changed,
 * shared by every named model of that connection and closed with this bean.
 * <p>
 * The named models are beans of their own, registered by {@link NamedChatModelsRegistrar}
 * with {@link #chatModel(String)} as their factory method.
 */
public final class BedrockConverseModels implements DisposableBean {

	private static final String APACHE_CLIENT = "software.amazon.awssdk.http.apache5.Apache5HttpClient";

	private static final String NETTY_CLIENT = "software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient";

	private static final String MODEL = "bedrock.converse.model";

	private final BedrockConverseProperties properties;

	private final ObjectProvider<BedrockRuntimeClient> client;

	private final ObjectProvider<BedrockRuntimeAsyncClient> asyncClient;

	private final ObjectProvider<BedrockClientBuilderConfigurer> configurer;

	private final ObjectProvider<BedrockRuntimeClientBuilderCustomizer> customizers;

	private final ObjectProvider<BedrockRuntimeAsyncClientBuilderCustomizer> asyncCustomizers;

	private final ObjectProvider<ObservationRegistry> observationRegistry;

	private final ObjectProvider<ChatModelObservationConvention> observationConvention;

	private final Map<Connection, Clients> ownClients = new LinkedHashMap<>();

	private final Map<String, Model> models = Collections.synchronizedMap(new LinkedHashMap<>());

	BedrockConverseModels(BedrockConverseProperties properties, ObjectProvider<BedrockRuntimeClient> client,
			ObjectProvider<BedrockRuntimeAsyncClient> asyncClient,
			ObjectProvider<BedrockClientBuilderConfigurer> configurer,
			ObjectProvider<BedrockRuntimeClientBuilderCustomizer> customizers,
			ObjectProvider<BedrockRuntimeAsyncClientBuilderCustomizer> asyncCustomizers,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ChatModelObservationConvention> observationConvention) {
		this.properties = properties;
		this.client = client;
		this.asyncClient = asyncClient;
		this.configurer = configurer;
		this.customizers = customizers;
		this.asyncCustomizers = asyncCustomizers;
		this.observationRegistry = observationRegistry;
		this.observationConvention = observationConvention;
	}

	/**
	 * The primary chat model, of the top-level properties.
	 * @return the primary chat model
	 */
	ChatBedrockConverse primary() {
		BedrockConverseChatOptions options = this.properties.toOptions();
		if (options.getModel() == null) {
			throw new InvalidBedrockConverseConfigurationException(MODEL, this.properties.getModel(),
					(this.properties.getModel() == null) ? "No default model is configured."
							: "The default model is blank.",
					"Set the property '" + MODEL + "' to a Bedrock model ID or inference profile ID, for example "
							+ "'bedrock.converse.model=amazon.nova-lite-v1:0'.");
		}
		return build(ChatBedrockConverse.DEFAULT_NAME, MODEL, options, this.client.getIfUnique(),
				this.asyncClient.getIfUnique(), this.properties.toFallbacks());
	}

	/**
	 * The named model of that name: the factory method of the named models' beans.
	 * @param name the name, a key of {@code bedrock.converse.models}
	 * @return the chat model
	 */
	public ChatBedrockConverse chatModel(String name) {
		BedrockConverseProperties.NamedModel named = this.properties.getModels().get(name);
		if (named == null) {
			throw new IllegalStateException("No model named '" + name + "' is configured");
		}
		Clients clients = clients(named);
		return build(name, "bedrock.converse.models." + name + ".model", this.properties.toOptions(name),
				clients.client(), clients.asyncClient(), this.properties.toFallbacks(name));
	}

	/**
	 * The models built so far (every model once the context is refreshed), by name, the
	 * primary one first.
	 * @return the models
	 */
	public List<Model> models() {
		synchronized (this.models) {
			return List.copyOf(this.models.values());
		}
	}

	private ChatBedrockConverse build(String name, String modelProperty, BedrockConverseChatOptions options,
			@Nullable BedrockRuntimeClient client, @Nullable BedrockRuntimeAsyncClient asyncClient,
			List<BedrockConverseFallback> fallbacks) {
		String region = BedrockConverseObservationDetails.Client.of((client != null) ? client : asyncClient).region();
		Model model = new Model(name, modelProperty, Objects.requireNonNull(options.getModel()), region, client);
		BedrockConverseProperties.StartupCheck check = this.properties.getStartupCheck();
		if (check.isEnabled()) {
			InferenceProfileRegions.check(model.property(), model.modelId(), model.region());
			if (check.isReachability()) {
				BedrockConverseModelProbe.probe(model).throwIfUnreachable();
			}
		}
		this.models.put(name, model);
		return ChatBedrockConverse.builder()
			.name(name)
			.defaultOptions(options)
			.bedrockRuntimeClient(client)
			.bedrockRuntimeAsyncClient(asyncClient)
			.observationRegistry(this.observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP))
			.observationConvention(this.observationConvention.getIfUnique())
			.mergeConsecutiveMessages(this.properties.isMergeConsecutiveMessages())
			.historyRepair(this.properties.isHistoryRepair())
			.fallbacks(fallbacks)
			.streamFirstTokenTimeout(this.properties.getStream().getFirstTokenTimeout())
			.streamIdleTimeout(this.properties.getStream().getIdleTimeout())
			.build();
	}

	private synchronized Clients clients(BedrockConverseProperties.NamedModel named) {
		BedrockClientBuilderConfigurer configurer = this.configurer.getIfUnique();
		Clients shared = new Clients(this.client.getIfUnique(), this.asyncClient.getIfUnique());
		Region region = StringUtils.hasText(named.getRegion()) ? Region.of(named.getRegion().strip()) : null;
		URI endpoint = (named.getEndpoint() != null && !named.getEndpoint().toString().isBlank()) ? named.getEndpoint()
				: null;
		if (configurer == null || (region == null && endpoint == null)) {
			return shared;
		}
		Connection connection = new Connection(
				(region != null) ? region : configurer.getConnectionDetails().getRegion(),
				(endpoint != null) ? endpoint : configurer.getEndpoint());
		if (connection
			.equals(new Connection(configurer.getConnectionDetails().getRegion(), configurer.getEndpoint()))) {
			return shared;
		}
		return this.ownClients.computeIfAbsent(connection, (key) -> {
			BedrockClientBuilderConfigurer own = configurer.withConnection(key.region(), key.endpoint());
			ClassLoader classLoader = getClass().getClassLoader();
			return new Clients(ClassUtils.isPresent(APACHE_CLIENT, classLoader)
					? BedrockConverseClientAutoConfiguration.syncClient(this.properties, own, this.customizers) : null,
					ClassUtils.isPresent(NETTY_CLIENT, classLoader) ? BedrockConverseClientAutoConfiguration
						.asyncClient(this.properties, own, this.asyncCustomizers) : null);
		});
	}

	@Override
	public synchronized void destroy() {
		List<AutoCloseable> closing = new ArrayList<>();
		this.ownClients.values().forEach((clients) -> {
			closing.add(clients.client());
			closing.add(clients.asyncClient());
		});
		this.ownClients.clear();
		for (AutoCloseable closeable : closing) {
			if (closeable != null) {
				try {
					closeable.close();
				}
				catch (Exception ex) {
					// Closing at shutdown: nothing to do about it.
				}
			}
		}
	}

	/**
	 * A model as the start-up check and the health indicator see it.
	 *
	 * @param name the name ({@code default} for the primary model)
	 * @param property the property of its model ID
	 * @param modelId its model ID or inference profile ID
	 * @param region the region of its client, or {@code null} if the client does not tell
	 * @param client its synchronous client, or {@code null}
	 */
	public record Model(String name, String property, String modelId, @Nullable String region,
			@Nullable BedrockRuntimeClient client) {

		@Override
		public String toString() {
			return "Model[name=" + this.name + ", modelId=" + this.modelId + ", region=" + this.region + "]";
		}

	}

	private record Connection(Region region, @Nullable URI endpoint) {

	}

	private record Clients(@Nullable BedrockRuntimeClient client, @Nullable BedrockRuntimeAsyncClient asyncClient) {

	}

}
