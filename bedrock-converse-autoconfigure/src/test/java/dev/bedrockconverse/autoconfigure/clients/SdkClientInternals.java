package dev.bedrockconverse.autoconfigure.clients;

import java.time.Duration;

import org.springframework.test.util.ReflectionTestUtils;
import software.amazon.awssdk.core.client.config.SdkClientConfiguration;
import software.amazon.awssdk.core.client.config.SdkClientOption;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.internal.NettyConfiguration;
import software.amazon.awssdk.utils.AttributeMap;

/**
 * Reads the HTTP client settings of a built SDK client. The SDK exposes the API call
 * timeouts through {@code serviceClientConfiguration()} but not the HTTP client's, so
 * these are read from the SDK's internals; a change of SDK version may need this class to
 * follow.
 */
final class SdkClientInternals {

	private SdkClientInternals() {
	}

	static SdkHttpClient syncHttpClient(Object sdkClient) {
		return configuration(sdkClient).option(SdkClientOption.SYNC_HTTP_CLIENT);
	}

	static SdkAsyncHttpClient asyncHttpClient(Object sdkClient) {
		return configuration(sdkClient).option(SdkClientOption.ASYNC_HTTP_CLIENT);
	}

	static Duration apacheOption(Object sdkClient, SdkHttpConfigurationOption<Duration> option) {
		AttributeMap options = (AttributeMap) ReflectionTestUtils.getField(syncHttpClient(sdkClient),
				"resolvedOptions");
		return options.get(option);
	}

	static NettyConfiguration nettyConfiguration(Object sdkClient) {
		return (NettyConfiguration) ReflectionTestUtils.getField(asyncHttpClient(sdkClient), "configuration");
	}

	static Protocol nettyProtocol(Object sdkClient) {
		return nettyConfiguration(sdkClient).attribute(SdkHttpConfigurationOption.PROTOCOL);
	}

	private static SdkClientConfiguration configuration(Object sdkClient) {
		return (SdkClientConfiguration) ReflectionTestUtils.getField(sdkClient, "clientConfiguration");
	}

}
