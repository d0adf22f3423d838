/**
 * Auto-configuration of authentication and region: AWS credentials providers (static,
 * profile, STS assume-role and web identity), Bedrock API keys, the region provider, and
 * the rules that the authentication properties must satisfy.
 */
@NullMarked
package dev.bedrockconverse.autoconfigure.credentials;

import org.jspecify.annotations.NullMarked;
