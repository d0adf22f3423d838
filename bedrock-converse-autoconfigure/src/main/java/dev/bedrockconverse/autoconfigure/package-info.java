/**
 * Spring Boot auto-configuration of Bedrock Converse, one package per concern:
 * {@code chat}, {@code clients}, {@code credentials} and {@code observation}. This
 * package holds what they share: the {@code bedrock.converse.*} properties, their
 * validation when bound, start-up failure analysis, logging defaults and the masking of
 * secrets in actuator endpoints.
 */
@NullMarked
package dev.bedrockconverse.autoconfigure;

import org.jspecify.annotations.NullMarked;
