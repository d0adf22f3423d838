package dev.bedrockconverse.benchmarks.startup;

import java.lang.management.ManagementFactory;
import java.util.Locale;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The smallest Spring Boot app: auto-configuration on, no web server, no beans of its
 * own. {@link StartupDriver} starts it in fresh JVMs with our starter's
 * auto-configurations active or excluded, and compares how long {@code run} takes. Prints
 * one line: {@code STARTUP run_ms=… since_jvm_start_ms=… chat_model=true|false}. Nothing
 * is sent anywhere: creating the SDK clients opens no connection.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class StartupApp {

	public static void main(String[] args) {
		long t0 = System.nanoTime();
		SpringApplication app = new SpringApplication(StartupApp.class);
		app.setBannerMode(Banner.Mode.OFF);
		app.setWebApplicationType(WebApplicationType.NONE);
		app.setLogStartupInfo(false);
		try (ConfigurableApplicationContext context = app.run(args)) {
			long runNanos = System.nanoTime() - t0;
			long sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
			boolean chatModel = context.getBeanNamesForType(ChatModel.class).length > 0;
			System.out
				.println(String.format(Locale.ROOT, "STARTUP run_ms=%.1f since_jvm_start_ms=%d chat_model=%s beans=%d",
						runNanos / 1e6, sinceJvmStart, chatModel, context.getBeanDefinitionCount()));
		}
	}

}
