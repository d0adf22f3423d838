/**
 * JUnit Jupiter integration: {@link dev.bedrockconverse.stub.junit.BedrockStubExtension}
 * starts a {@link dev.bedrockconverse.stub.BedrockStub} per test class, resets it before
 * each test and injects it.
 */
package dev.bedrockconverse.stub.junit;
