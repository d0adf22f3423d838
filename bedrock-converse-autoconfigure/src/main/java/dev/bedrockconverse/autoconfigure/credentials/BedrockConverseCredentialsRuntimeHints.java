package dev.bedrockconverse.autoconfigure.credentials;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.util.ClassUtils;

/**
 * The runtime hints of the credentials auto-configuration. It looks up the optional STS
 * client and Apache 5 HTTP client by name at run time ({@link ClassUtils#isPresent}), and
 * a native image answers such a lookup only for types in its reflection metadata: without
 * these hints an assumed role or web identity would fail as if the STS module were
 * missing, and the STS client would not get the configured HTTP client.
 */
class BedrockConverseCredentialsRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.reflection()
			.registerTypeIfPresent(classLoader, BedrockConverseCredentialsProviders.STS_CLIENT)
			.registerTypeIfPresent(classLoader, StsCredentialsProviders.APACHE5_HTTP_CLIENT);
	}

}
