package dev.bedrockconverse.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Default log levels, at the lowest precedence, for the few loggers of the AWS SDK and of
 * the HTTP clients it uses that print credentials at DEBUG:
 * <ul>
 * <li>{@code software.amazon.awssdk.http.auth.aws.internal.signer} (and the legacy
 * {@code software.amazon.awssdk.auth.signer}) log each SigV4 canonical request, whose
 * signed headers include the session token ({@code x-amz-security-token}) of temporary
 * credentials;</li>
 * <li>{@code org.apache.hc.client5.http.headers} logs every request header, including
 * {@code Authorization: Bearer} with a Bedrock API key and {@code X-Amz-Security-Token};
 * {@code org.apache.hc.client5.http.wire} logs the raw bytes, the same headers and the
 * STS responses that carry temporary secrets;</li>
 * <li>{@code io.netty.handler.codec.http2.Http2FrameLogger}, which the AWS SDK's Netty
 * client installs on its HTTP/2 connections, logs every HEADERS frame with its values:
 * the same {@code Authorization: Bearer} and {@code x-amz-security-token}.</li>
 * </ul>
 * They stay at INFO when an application turns on DEBUG or TRACE for the root logger or a
 * parent package. An application that sets one of them explicitly, for example
 * {@code logging.level.org.apache.hc.client5.http.headers=debug}, gets its own level, and
 * with it the secrets in its logs.
 */
public class BedrockConverseLoggingDefaults implements EnvironmentPostProcessor, Ordered {

	/** The name of the property source of these defaults. */
	public static final String PROPERTY_SOURCE_NAME = "bedrockConverseLoggingDefaults";

	static final Map<String, Object> DEFAULTS;

	static {
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("logging.level.software.amazon.awssdk.http.auth.aws.internal.signer", "info");
		defaults.put("logging.level.software.amazon.awssdk.auth.signer", "info");
		defaults.put("logging.level.org.apache.hc.client5.http.headers", "info");
		defaults.put("logging.level.org.apache.hc.client5.http.wire", "info");
		defaults.put("logging.level.io.netty.handler.codec.http2.Http2FrameLogger", "info");
		DEFAULTS = Map.copyOf(defaults);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
			// Last: every property source of the application, its command line and
			// environment included, wins.
			environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, DEFAULTS));
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
