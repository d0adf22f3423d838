/**
 * A loopback stub of the Amazon Bedrock Runtime {@code Converse} and
 * {@code ConverseStream} operations that real AWS SDKs cannot tell from the service.
 *
 * <p>
 * Start a {@link dev.bedrockconverse.stub.BedrockStub}, point a client's endpoint
 * override at {@link dev.bedrockconverse.stub.BedrockStub#endpoint()}, script answers
 * with {@link dev.bedrockconverse.stub.StubAnswer} and inspect what the client sent
 * through {@link dev.bedrockconverse.stub.RecordedRequest}. The stub is built to
 * Bedrock's documented wire behaviour, not to any particular client, so it can be used to
 * check clients written by anyone.
 */
package dev.bedrockconverse.stub;
