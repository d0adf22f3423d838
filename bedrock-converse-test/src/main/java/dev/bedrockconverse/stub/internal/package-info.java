/**
 * The stub's moving parts, kept apart so new scenarios can be added without touching the
 * HTTP layer: routing and recording
 * ({@link dev.bedrockconverse.stub.internal.StubHttpHandler}), SigV4 verification
 * ({@link dev.bedrockconverse.stub.internal.SigV4Verifier}), request validation
 * ({@link dev.bedrockconverse.stub.internal.ConverseRequestValidator}), answer planning
 * ({@link dev.bedrockconverse.stub.internal.AnswerPlanner}), event-stream framing
 * ({@link dev.bedrockconverse.stub.internal.EventStreamFramer}), Bedrock-shaped errors
 * ({@link dev.bedrockconverse.stub.internal.ErrorReply}), and STS: {@code AssumeRole} and
 * {@code AssumeRoleWithWebIdentity}
 * ({@link dev.bedrockconverse.stub.internal.StsHandler}) issuing temporary credentials
 * into the {@link dev.bedrockconverse.stub.internal.CredentialsRegistry} that the
 * verifier accepts.
 *
 * <p>
 * Not API: these types are public only so the packages can see each other; they may
 * change at any time.
 */
package dev.bedrockconverse.stub.internal;
