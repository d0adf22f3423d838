/**
 * Spring test support: {@link dev.bedrockconverse.stub.spring.AutoConfigureBedrockStub}
 * points a {@code @SpringBootTest}'s application at a stub started for its context, and
 * {@link dev.bedrockconverse.stub.spring.BedrockStubResetTestExecutionListener} resets
 * the stub between test methods. Needs Spring Boot and Spring's test context framework,
 * which this module depends on only optionally.
 */
package dev.bedrockconverse.stub.spring;
