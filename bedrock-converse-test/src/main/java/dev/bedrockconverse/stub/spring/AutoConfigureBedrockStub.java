package dev.bedrockconverse.stub.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Points the application of a {@code @SpringBootTest} at a Bedrock stub: a
 * {@link dev.bedrockconverse.stub.BedrockStub} started on a random {@code 127.0.0.1} port
 * once per application context (and closed with it), the bean of type {@code BedrockStub}
 * for scripted answers and request assertions, and Bedrock Converse connection details
 * with the stub's endpoint, region {@code us-east-1} and test keys, which replace the
 * application's {@code bedrock.converse} endpoint, region and credentials. The test needs
 * no endpoint, region or keys of its own.
 * <p>
 * Between test methods, {@link BedrockStubResetTestExecutionListener} forgets the stub's
 * queued answers and recorded requests.
 * <p>
 * The auto-configuration it imports is listed in
 * {@code META-INF/spring/dev.bedrockconverse.stub.spring.AutoConfigureBedrockStub.imports}
 * of {@code bedrock-converse-autoconfigure}, so this module needs nothing of the
 * auto-configuration's.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureBedrockStub {

}
