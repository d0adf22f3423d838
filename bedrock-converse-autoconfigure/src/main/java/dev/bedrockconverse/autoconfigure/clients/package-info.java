/**
 * Auto-configuration of the AWS SDK's Bedrock Runtime clients: the builder configurer
 * that applies credentials, region, endpoint, timeouts and retries, and the customizer
 * interfaces applications implement.
 */
@NullMarked
package dev.bedrockconverse.autoconfigure.clients;

import org.jspecify.annotations.NullMarked;
