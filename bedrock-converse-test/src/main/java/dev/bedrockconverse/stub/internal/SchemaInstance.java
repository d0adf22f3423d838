package dev.bedrockconverse.stub.internal;

import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates a deterministic JSON instance of a JSON schema, the way the stub's "model"
 * fills in tool inputs and structured answers.
 *
 * <p>
 * Rules: {@code enum} → its first value; {@code const} → that value; {@code string} →
 * {@code "stub-<property
 * name>"} ({@code "stub-value"} outside a property); {@code integer} or {@code number} →
 * {@code minimum} if given, else 1; {@code boolean} → {@code true}; {@code array} → one
 * item of {@code items}; {@code object} → every property in {@code properties}, in schema
 * order; {@code null} → null. A type list takes its first non-null type;
 * {@code anyOf}/{@code oneOf}/{@code allOf} take their first member; local {@code $ref}s
 * ({@code #/$defs/...}, {@code #/definitions/...}) are followed, at most 32 deep.
 */
public final class SchemaInstance {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final int MAX_DEPTH = 32;

	private SchemaInstance() {
	}

	/**
	 * An instance of the schema.
	 * @param schema the schema
	 * @return the instance
	 */
	public static JsonNode of(JsonNode schema) {
		return generate(schema, schema, "value", 0);
	}

	private static JsonNode generate(JsonNode root, JsonNode schema, String name, int depth) {
		if (schema == null || !schema.isObject() || depth > MAX_DEPTH) {
			return NODES.nullNode();
		}
		JsonNode ref = schema.get("$ref");
		if (ref != null && ref.isString()) {
			return generate(root, resolve(root, ref.asString()), name, depth + 1);
		}
		JsonNode enumValues = schema.get("enum");
		if (enumValues != null && enumValues.isArray() && !enumValues.isEmpty()) {
			return enumValues.get(0).deepCopy();
		}
		if (schema.has("const")) {
			return schema.get("const").deepCopy();
		}
		for (String combinator : new String[] { "anyOf", "oneOf", "allOf" }) {
			JsonNode members = schema.get(combinator);
			if (members != null && members.isArray() && !members.isEmpty()) {
				return generate(root, firstNonNullMember(members), name, depth + 1);
			}
		}
		String type = type(schema);
		return switch (type) {
			case "string" -> NODES.stringNode("stub-" + name);
			case "integer" -> schema.path("minimum").isNumber() ? NODES.numberNode(schema.get("minimum").asLong())
					: NODES.numberNode(1);
			case "number" -> schema.path("minimum").isNumber() ? schema.get("minimum").deepCopy() : NODES.numberNode(1);
			case "boolean" -> NODES.booleanNode(true);
			case "array" -> {
				ArrayNode array = NODES.arrayNode();
				array.add(generate(root, schema.path("items"), name, depth + 1));
				yield array;
			}
			case "null" -> NODES.nullNode();
			default -> {
				ObjectNode object = NODES.objectNode();
				for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
					object.set(property.getKey(), generate(root, property.getValue(), property.getKey(), depth + 1));
				}
				yield object;
			}
		};
	}

	private static String type(JsonNode schema) {
		JsonNode type = schema.get("type");
		if (type != null && type.isString()) {
			return type.asString();
		}
		if (type != null && type.isArray()) {
			for (JsonNode member : type) {
				if (!"null".equals(member.asString(""))) {
					return member.asString("");
				}
			}
			return "null";
		}
		return schema.has("items") ? "array" : "object";
	}

	private static JsonNode firstNonNullMember(JsonNode members) {
		for (JsonNode member : members) {
			if (!"null".equals(member.path("type").asString(""))) {
				return member;
			}
		}
		return members.get(0);
	}

	private static JsonNode resolve(JsonNode root, String ref) {
		if (!ref.startsWith("#")) {
			return NODES.objectNode();
		}
		JsonNode target = root.at(ref.substring(1));
		return target.isMissingNode() ? NODES.objectNode() : target;
	}

}
