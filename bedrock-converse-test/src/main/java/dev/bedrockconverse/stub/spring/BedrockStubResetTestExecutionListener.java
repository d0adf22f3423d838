package dev.bedrockconverse.stub.spring;

import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

import dev.bedrockconverse.stub.BedrockStub;

/**
 * {@link BedrockStub#reset() Resets} every {@link BedrockStub} bean of the test's
 * application context after each test method, so that answers one test queued and
 * requests it caused do not reach the next test sharing the cached context. Contexts that
 * are not loaded yet are not loaded for it. The outcome of a response the stub is still
 * finishing when the test ends (see {@link BedrockStub#outcomes()}) may be recorded after
 * the reset. Registered in {@code META-INF/spring.factories}.
 */
public class BedrockStubResetTestExecutionListener extends AbstractTestExecutionListener {

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 100;
	}

	@Override
	public void afterTestMethod(TestContext testContext) {
		if (!testContext.hasApplicationContext()) {
			return;
		}
		ApplicationContext context = testContext.getApplicationContext();
		context.getBeansOfType(BedrockStub.class, false, false).values().forEach(BedrockStub::reset);
	}

}
