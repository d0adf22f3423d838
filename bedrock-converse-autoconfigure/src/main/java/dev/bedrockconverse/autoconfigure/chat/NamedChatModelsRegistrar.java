package dev.bedrockconverse.autoconfigure.chat;

import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

import dev.bedrockconverse.autoconfigure.BedrockConverseProperties;
import dev.bedrockconverse.autoconfigure.InvalidBedrockConverseConfigurationException;
import dev.bedrockconverse.chat.ChatBedrockConverse;

/**
 * Registers a {@link ChatBedrockConverse} bean for each named model under
 * {@code bedrock.converse.models.<name>}, named {@code <name>}, built by
 * {@link BedrockConverseModels#chatModel(String)} (a factory-method bean definition, so
 * ahead-of-time processing generates its code; as for every AOT-processed application,
 * the set of named models is fixed at build time).
 * <p>
 * The named models are not default candidates: a {@code ChatModel} injection point
 * without a qualifier (and Spring AI's {@code ChatClient.Builder}) gets the primary
 * model; {@code @Qualifier("<name>")} gets the named one. A key under a named model that
 * is not one of its properties fails start-up, naming it.
 */
class NamedChatModelsRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

	static final String MODELS_BEAN = "bedrockConverseModels";

	private static final String PRIMARY_BEAN = "chatBedrockConverse";

	private static final String MODELS = "bedrock.converse.models";

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		Map<String, BedrockConverseProperties.NamedModel> models = bind();
		for (String name : models.keySet()) {
			RootBeanDefinition definition = new RootBeanDefinition(ChatBedrockConverse.class);
			definition.setFactoryBeanName(MODELS_BEAN);
			definition.setUniqueFactoryMethodName("chatModel");
			definition.getConstructorArgumentValues().addIndexedArgumentValue(0, name);
			definition.setDefaultCandidate(false);
			definition.setRole(BeanDefinition.ROLE_APPLICATION);
			registry.registerBeanDefinition(name, definition);
		}
		if (!models.isEmpty() && registry.containsBeanDefinition(PRIMARY_BEAN)) {
			registry.getBeanDefinition(PRIMARY_BEAN).setPrimary(true);
		}
	}

	private Map<String, BedrockConverseProperties.NamedModel> bind() {
		try {
			return Binder.get(this.environment)
				.bind(MODELS, Bindable.mapOf(String.class, BedrockConverseProperties.NamedModel.class),
						new NoUnboundElementsBindHandler(BindHandler.DEFAULT))
				.orElse(Map.of());
		}
		catch (BindException ex) {
			if (ex.getCause() instanceof UnboundConfigurationPropertiesException unbound) {
				Set<ConfigurationProperty> properties = unbound.getUnboundProperties();
				ConfigurationProperty first = properties.iterator().next();
				throw new InvalidBedrockConverseConfigurationException(first.getName().toString(), null,
						"It is not a property of a named model (set in " + first.getOrigin() + ").",
						"A named model takes 'model', 'region', 'endpoint' and 'options.*' (the options of "
								+ "'bedrock.converse.options.*'); correct or remove the property.");
			}
			throw ex;
		}
	}

}
