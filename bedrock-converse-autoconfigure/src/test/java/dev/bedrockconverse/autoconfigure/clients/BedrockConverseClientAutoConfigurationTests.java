package dev.bedrockconverse.autoconfigure.clients;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import dev.bedrockconverse.autoconfigure.BedrockConverseContextRunners;
import dev.bedrockconverse.autoconfigure.BedrockConverseProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BedrockConverseClientAutoConfiguration}.
 */
class BedrockConverseClientAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = BedrockConverseContextRunners.clients();

	@TempDir
	Path tempDir;

	@Test
	void createsBothClientsAndTheirProviders() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(AwsCredentialsProvider.class)
			.hasSingleBean(AwsRegionProvider.class)
			.hasSingleBean(BedrockClientBuilderConfigurer.class)
			.hasSingleBean(BedrockRuntimeClient.class)
			.hasSingleBean(BedrockRuntimeAsyncClient.class));
	}

	@Test
	void syncClientUsesApacheHttpClient5() {
		this.contextRunner
			.run((context) -> assertThat(SdkClientInternals.syncHttpClient(context.getBean(BedrockRuntimeClient.class)))
				.isInstanceOf(Apache5HttpClient.class));
	}

	@Test
	void asyncClientUsesNettyHttpClient() {
		this.contextRunner.run((context) -> assertThat(
				SdkClientInternals.asyncHttpClient(context.getBean(BedrockRuntimeAsyncClient.class)))
			.isInstanceOf(NettyNioAsyncHttpClient.class));
	}

	@Test
	void withoutCredentialPropertiesUsesANewDefaultCredentialsProvider() {
		this.contextRunner.run((context) -> {
			AwsCredentialsProvider provider = context.getBean(AwsCredentialsProvider.class);
			assertThat(provider).isInstanceOf(DefaultCredentialsProvider.class);
			assertThat(provider).isNotSameAs(DefaultCredentialsProvider.create());
		});
	}

	@Test
	void staticKeysGiveAStaticCredentialsProviderWithThatIdentity() {
		this.contextRunner
			.withPropertyValues("bedrock.converse.credentials.access-key-id=AKIDTEST",
					"bedrock.converse.credentials.secret-access-key=test-secret")
			.run((context) -> {
				AwsCredentialsProvider provider = context.getBean(AwsCredentialsProvider.class);
				assertThat(provider).isInstanceOf(StaticCredentialsProvider.class);
				AwsCredentials credentials = provider.resolveCredentials();
				assertThat(credentials).isNotInstanceOf(AwsSessionCredentials.class);
				assertThat(credentials.accessKeyId()).isEqualTo("AKIDTEST");
				assertThat(credentials.secretAccessKey()).isEqualTo("test-secret");
			});
	}

	@Test
	void staticKeysWithSessionTokenGiveSessionCredentials() {
		this.contextRunner
			.withPropertyValues("bedrock.converse.credentials.access-key-id=ASIATEST",
					"bedrock.converse.credentials.secret-access-key=test-secret",
					"bedrock.converse.credentials.session-token=test-token")
			.run((context) -> {
				AwsCredentials credentials = context.getBean(AwsCredentialsProvider.class).resolveCredentials();
				assertThat(credentials).isInstanceOfSatisfying(AwsSessionCredentials.class, (session) -> {
					assertThat(session.accessKeyId()).isEqualTo("ASIATEST");
					assertThat(session.secretAccessKey()).isEqualTo("test-secret");
					assertThat(session.sessionToken()).isEqualTo("test-token");
				});
			});
	}

	@Test
	void profileGivesAProfileCredentialsProviderReadingThatProfile() throws IOException {
		Path credentialsFile = Files.writeString(this.tempDir.resolve("credentials"),
				"[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = default-secret\n\n"
						+ "[bedrock]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = profile-secret\n");
		Path configFile = Files.writeString(this.tempDir.resolve("config"), "");
		this.contextRunner
			.withSystemProperties("aws.sharedCredentialsFile=" + credentialsFile, "aws.configFile=" + configFile)
			.withPropertyValues("bedrock.converse.credentials.profile=bedrock")
			.run((context) -> {
				AwsCredentialsProvider provider = context.getBean(AwsCredentialsProvider.class);
				assertThat(provider).isInstanceOf(ProfileCredentialsProvider.class);
				assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("AKIDPROFILE");
			});
	}

	@Test
	void regionPropertyIsApplied() {
		this.contextRunner.withPropertyValues("bedrock.converse.region=eu-central-1").run((context) -> {
			assertThat(context.getBean(AwsRegionProvider.class).getRegion()).isEqualTo(Region.EU_CENTRAL_1);
			assertThat(context.getBean(BedrockRuntimeClient.class).serviceClientConfiguration().region())
				.isEqualTo(Region.EU_CENTRAL_1);
			assertThat(context.getBean(BedrockRuntimeAsyncClient.class).serviceClientConfiguration().region())
				.isEqualTo(Region.EU_CENTRAL_1);
		});
	}

	@Test
	void withoutRegionPropertyUsesTheDefaultRegionProviderChain() {
		this.contextRunner.withPropertyValues("bedrock.converse.region=")
			.withSystemProperties("aws.region=eu-west-3")
			.run((context) -> {
				assertThat(context.getBean(AwsRegionProvider.class)).isInstanceOf(DefaultAwsRegionProviderChain.class);
				assertThat(context.getBean(BedrockRuntimeClient.class).serviceClientConfiguration().region())
					.isEqualTo(Region.EU_WEST_3);
			});
	}

	@Test
	void withProfileAndNoRegionPropertyTakesTheRegionOfThatProfile() throws IOException {
		Path configFile = Files.writeString(this.tempDir.resolve("config"),
				"[profile bedrock]\nregion = ap-northeast-1\n");
		Path credentialsFile = Files.writeString(this.tempDir.resolve("credentials"), "");
		this.contextRunner
			.withSystemProperties("aws.configFile=" + configFile, "aws.sharedCredentialsFile=" + credentialsFile)
			.withPropertyValues("bedrock.converse.region=", "bedrock.converse.credentials.profile=bedrock")
			.run((context) -> assertThat(context.getBean(AwsRegionProvider.class).getRegion())
				.isEqualTo(Region.AP_NORTHEAST_1));
	}

	@Test
	void withoutEndpointUsesTheRegionalEndpointOverHttp2() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBean(BedrockRuntimeClient.class).serviceClientConfiguration().endpointOverride())
				.isEmpty();
			assertThat(SdkClientInternals.nettyProtocol(context.getBean(BedrockRuntimeAsyncClient.class)))
				.isEqualTo(Protocol.HTTP2);
		});
	}

	@Test
	void endpointOverrideIsAppliedToBothClients() {
		this.contextRunner.withPropertyValues("bedrock.converse.endpoint=https://vpce-123.bedrock-runtime.example.com")
			.run((context) -> {
				URI expected = URI.create("https://vpce-123.bedrock-runtime.example.com");
				assertThat(context.getBean(BedrockRuntimeClient.class).serviceClientConfiguration().endpointOverride())
					.contains(expected);
				assertThat(context.getBean(BedrockRuntimeAsyncClient.class)
					.serviceClientConfiguration()
					.endpointOverride()).contains(expected);
			});
	}

	@Test
	void httpsEndpointOverrideKeepsHttp2ForTheAsyncClient() {
		this.contextRunner.withPropertyValues("bedrock.converse.endpoint=https://vpce-123.bedrock-runtime.example.com")
			.run((context) -> assertThat(
					SdkClientInternals.nettyProtocol(context.getBean(BedrockRuntimeAsyncClient.class)))
				.isEqualTo(Protocol.HTTP2));
	}

	@Test
	void plainHttpEndpointOverrideUsesHttp2ForTheAsyncClient() {
		this.contextRunner.withPropertyValues("bedrock.converse.endpoint=http://127.0.0.1:8080")
			.run((context) -> assertThat(
					SdkClientInternals.nettyProtocol(context.getBean(BedrockRuntimeAsyncClient.class)))
				.isEqualTo(Protocol.HTTP2));
	}

	@Test
	void apiCallTimeoutsAreAppliedToBothClients() {
		this.contextRunner
			.withPropertyValues("bedrock.converse.client.api-call-timeout=90s",
					"bedrock.converse.client.api-call-attempt-timeout=30s")
			.run((context) -> {
				ClientOverrideConfiguration sync = context.getBean(BedrockRuntimeClient.class)
					.serviceClientConfiguration()
					.overrideConfiguration();
				ClientOverrideConfiguration async = context.getBean(BedrockRuntimeAsyncClient.class)
					.serviceClientConfiguration()
					.overrideConfiguration();
				assertThat(sync.apiCallTimeout()).contains(Duration.ofSeconds(90));
				assertThat(sync.apiCallAttemptTimeout()).contains(Duration.ofSeconds(30));
				assertThat(async.apiCallTimeout()).contains(Duration.ofSeconds(90));
				assertThat(async.apiCallAttemptTimeout()).contains(Duration.ofSeconds(30));
			});
	}

	@Test
	void withoutApiCallTimeoutsTheSdkDefaultsApply() {
		this.contextRunner.run((context) -> {
			ClientOverrideConfiguration sync = context.getBean(BedrockRuntimeClient.class)
				.serviceClientConfiguration()
				.overrideConfiguration();
			assertThat(sync.apiCallTimeout()).isEmpty();
			assertThat(sync.apiCallAttemptTimeout()).isEmpty();
		});
	}

	@Test
	void connectAndReadTimeoutsAreAppliedToTheApacheHttpClient() {
		this.contextRunner
			.withPropertyValues("bedrock.converse.client.connect-timeout=3s",
					"bedrock.converse.client.read-timeout=45s")
			.run((context) -> {
				BedrockRuntimeClient client = context.getBean(BedrockRuntimeClient.class);
				assertThat(SdkClientInternals.apacheOption(client, SdkHttpConfigurationOption.CONNECTION_TIMEOUT))
					.isEqualTo(Duration.ofSeconds(3));
				assertThat(SdkClientInternals.apacheOption(client, SdkHttpConfigurationOption.READ_TIMEOUT))
					.isEqualTo(Duration.ofSeconds(45));
			});
	}

	@Test
	void connectAndReadTimeoutsAreAppliedToTheNettyHttpClient() {
		this.contextRunner
			.withPropertyValues("bedrock.converse.client.connect-timeout=3s",
					"bedrock.converse.client.read-timeout=45s")
			.run((context) -> {
				BedrockRuntimeAsyncClient client = context.getBean(BedrockRuntimeAsyncClient.class);
				assertThat(SdkClientInternals.nettyConfiguration(client).connectTimeoutMillis()).isEqualTo(3000);
				assertThat(SdkClientInternals.nettyConfiguration(client).readTimeoutMillis()).isEqualTo(45000);
			});
	}

	@Test
	void customizersAreAppliedInOrder() {
		this.contextRunner.withUserConfiguration(OrderedCustomizersConfiguration.class).run((context) -> {
			OrderedCustomizersConfiguration configuration = context.getBean(OrderedCustomizersConfiguration.class);
			assertThat(configuration.syncCalls).containsExactly("first", "second");
			assertThat(configuration.asyncCalls).containsExactly("first", "second");
			// the last customizer wins
			assertThat(context.getBean(BedrockRuntimeClient.class).serviceClientConfiguration().region())
				.isEqualTo(Region.US_WEST_2);
			assertThat(context.getBean(BedrockRuntimeAsyncClient.class).serviceClientConfiguration().region())
				.isEqualTo(Region.US_WEST_2);
		});
	}

	@Test
	void backsOffFromAUserDefinedCredentialsProvider() {
		this.contextRunner.withBean("myCredentials", AwsCredentialsProvider.class, AnonymousCredentialsProvider::create)
			.run((context) -> {
				assertThat(context).hasSingleBean(AwsCredentialsProvider.class).hasBean("myCredentials");
				assertThat(
						context.getBean(BedrockRuntimeClient.class).serviceClientConfiguration().credentialsProvider())
					.isSameAs(context.getBean("myCredentials"));
			});
	}

	@Test
	void backsOffFromAUserDefinedRegionProvider() {
		this.contextRunner.withBean("myRegion", AwsRegionProvider.class, () -> () -> Region.SA_EAST_1)
			.run((context) -> {
				assertThat(context).hasSingleBean(AwsRegionProvider.class).hasBean("myRegion");
				assertThat(context.getBean(BedrockRuntimeClient.class).serviceClientConfiguration().region())
					.isEqualTo(Region.SA_EAST_1);
			});
	}

	@Test
	void backsOffFromAUserDefinedBuilderConfigurer() {
		BedrockClientBuilderConfigurer configurer = new BedrockClientBuilderConfigurer(
				AnonymousCredentialsProvider.create(), () -> Region.CA_CENTRAL_1, null, null, null);
		this.contextRunner.withBean(BedrockClientBuilderConfigurer.class, () -> configurer).run((context) -> {
			assertThat(context).getBean(BedrockClientBuilderConfigurer.class).isSameAs(configurer);
			assertThat(context.getBean(BedrockRuntimeClient.class).serviceClientConfiguration().region())
				.isEqualTo(Region.CA_CENTRAL_1);
		});
	}

	@Test
	void backsOffFromAUserDefinedSyncClient() {
		this.contextRunner.withUserConfiguration(UserClientsConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(BedrockRuntimeClient.class)
				.hasBean("myClient")
				.hasSingleBean(BedrockRuntimeAsyncClient.class)
				.hasBean("myAsyncClient"));
	}

	@Test
	void withoutNettyThereIsNoAsyncClient() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(NettyNioAsyncHttpClient.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(BedrockRuntimeAsyncClient.class)
				.hasSingleBean(BedrockRuntimeClient.class));
	}

	@Test
	void withoutApacheHttpClient5ThereIsNoSyncClient() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Apache5HttpClient.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(BedrockRuntimeClient.class)
				.hasSingleBean(BedrockRuntimeAsyncClient.class));
	}

	@Test
	void withoutSpringAiThereIsNoAutoConfiguration() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.ai"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(BedrockConverseProperties.class)
				.doesNotHaveBean(AwsCredentialsProvider.class)
				.doesNotHaveBean(BedrockRuntimeClient.class));
	}

	@Test
	void withoutTheBedrockRuntimeSdkThereIsNoAutoConfiguration() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(BedrockRuntimeClient.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(AwsCredentialsProvider.class));
	}

	@Test
	void propertiesAreBound() {
		this.contextRunner
			.withPropertyValues("bedrock.converse.endpoint=http://localhost:4566",
					"bedrock.converse.credentials.access-key-id=AKIDTEST",
					"bedrock.converse.credentials.secret-access-key=test-secret",
					"bedrock.converse.credentials.session-token=test-token", "bedrock.converse.options.max-tokens=512",
					"bedrock.converse.options.temperature=0.3", "bedrock.converse.options.top-p=0.9",
					"bedrock.converse.options.stop-sequences=END,STOP", "bedrock.converse.client.connect-timeout=2s",
					"bedrock.converse.client.read-timeout=1m", "bedrock.converse.client.api-call-timeout=5m",
					"bedrock.converse.client.api-call-attempt-timeout=2m")
			.run((context) -> {
				BedrockConverseProperties properties = context.getBean(BedrockConverseProperties.class);
				assertThat(properties.getModel()).isEqualTo(BedrockConverseContextRunners.MODEL);
				assertThat(properties.getRegion()).isEqualTo("us-east-1");
				assertThat(properties.getEndpoint()).isEqualTo(URI.create("http://localhost:4566"));
				assertThat(properties.getCredentials().getAccessKeyId()).isEqualTo("AKIDTEST");
				assertThat(properties.getCredentials().getSecretAccessKey()).isEqualTo("test-secret");
				assertThat(properties.getCredentials().getSessionToken()).isEqualTo("test-token");
				assertThat(properties.getOptions().getMaxTokens()).isEqualTo(512);
				assertThat(properties.getOptions().getTemperature()).isEqualTo(0.3);
				assertThat(properties.getOptions().getTopP()).isEqualTo(0.9);
				assertThat(properties.getOptions().getStopSequences()).containsExactly("END", "STOP");
				assertThat(properties.getClient().getConnectTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(properties.getClient().getReadTimeout()).isEqualTo(Duration.ofMinutes(1));
				assertThat(properties.getClient().getApiCallTimeout()).isEqualTo(Duration.ofMinutes(5));
				assertThat(properties.getClient().getApiCallAttemptTimeout()).isEqualTo(Duration.ofMinutes(2));
			});
	}

	@Test
	void propertiesToStringDoesNotRevealSecrets() {
		this.contextRunner
			.withPropertyValues("bedrock.converse.credentials.access-key-id=AKIDTEST",
					"bedrock.converse.credentials.secret-access-key=very-secret-value",
					"bedrock.converse.credentials.session-token=very-secret-token")
			.run((context) -> {
				BedrockConverseProperties properties = context.getBean(BedrockConverseProperties.class);
				assertThat(properties.toString()).doesNotContain("very-secret");
				assertThat(properties.getCredentials().toString()).doesNotContain("very-secret");
				assertThat(context.getBean(AwsCredentialsProvider.class).toString()).doesNotContain("very-secret");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class OrderedCustomizersConfiguration {

		final List<String> syncCalls = new ArrayList<>();

		final List<String> asyncCalls = new ArrayList<>();

		@Bean
		@Order(2)
		BedrockRuntimeClientBuilderCustomizer secondSyncCustomizer() {
			return (builder) -> {
				this.syncCalls.add("second");
				builder.region(Region.US_WEST_2);
			};
		}

		@Bean
		@Order(1)
		BedrockRuntimeClientBuilderCustomizer firstSyncCustomizer() {
			return (builder) -> {
				this.syncCalls.add("first");
				builder.region(Region.EU_NORTH_1);
			};
		}

		@Bean
		@Order(2)
		BedrockRuntimeAsyncClientBuilderCustomizer secondAsyncCustomizer() {
			return (builder) -> {
				this.asyncCalls.add("second");
				builder.region(Region.US_WEST_2);
			};
		}

		@Bean
		@Order(1)
		BedrockRuntimeAsyncClientBuilderCustomizer firstAsyncCustomizer() {
			return (builder) -> {
				this.asyncCalls.add("first");
				builder.region(Region.EU_NORTH_1);
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserClientsConfiguration {

		@Bean
		BedrockRuntimeClient myClient() {
			return BedrockRuntimeClient.builder()
				.region(Region.US_EAST_1)
				.credentialsProvider(AnonymousCredentialsProvider.create())
				.httpClientBuilder(Apache5HttpClient.builder())
				.build();
		}

		@Bean
		BedrockRuntimeAsyncClient myAsyncClient() {
			return BedrockRuntimeAsyncClient.builder()
				.region(Region.US_EAST_1)
				.credentialsProvider(AnonymousCredentialsProvider.create())
				.httpClientBuilder(NettyNioAsyncHttpClient.builder())
				.build();
		}

	}

}
