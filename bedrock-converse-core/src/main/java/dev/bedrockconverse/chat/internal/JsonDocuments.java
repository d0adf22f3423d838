package dev.bedrockconverse.chat.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkNumber;
import software.amazon.awssdk.core.document.Document;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Converts between JSON text (and plain Java maps/lists) and the SDK's {@link Document}
 * with Jackson, so tool arguments, tool results, schemas and additional model fields keep
 * their exact JSON shape. {@code Document.toString()} is never used: it is not JSON.
 */
public final class JsonDocuments {

	/**
	 * The one mapper that reads and writes JSON text here.
	 */
	public static final JsonMapper JSON = JsonMapper.builder().build();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private JsonDocuments() {
	}

	/**
	 * Parse JSON text into a document.
	 * @param json the JSON text
	 * @param what what the text is, for the error message
	 * @return the document
	 * @throws IllegalArgumentException if the text is not JSON
	 */
	public static Document fromJson(String json, String what) {
		JsonNode node;
		try {
			node = JSON.readTree(json);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(what + " is not valid JSON: " + ex.getOriginalMessage(), ex);
		}
		return fromNode(node);
	}

	/**
	 * Parse JSON text, or return {@code null} when it is not JSON.
	 * @param text the text
	 * @return the parsed node, or {@code null}
	 */
	public static @Nullable JsonNode tryParse(String text) {
		try {
			return JSON.readTree(text);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * Convert a Jackson tree to a document.
	 * @param node the node
	 * @return the document
	 */
	public static Document fromNode(@Nullable JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return Document.fromNull();
		}
		if (node.isObject()) {
			Map<String, Document> map = new LinkedHashMap<>();
			for (Map.Entry<String, JsonNode> entry : node.properties()) {
				map.put(entry.getKey(), fromNode(entry.getValue()));
			}
			return Document.fromMap(map);
		}
		if (node.isArray()) {
			List<Document> list = new ArrayList<>();
			for (JsonNode element : node) {
				list.add(fromNode(element));
			}
			return Document.fromList(list);
		}
		if (node.isBoolean()) {
			return Document.fromBoolean(node.booleanValue());
		}
		if (node.isNumber()) {
			// The number's own text keeps integers integral and decimals exact.
			return Document.fromNumber(SdkNumber.fromString(node.numberValue().toString()));
		}
		return Document.fromString(node.asString());
	}

	/**
	 * Convert plain Java values (maps with string keys, lists, strings, numbers,
	 * booleans, {@code null}), e.g. bound from YAML, to a document.
	 * @param value the value
	 * @param path the property path, for the error message
	 * @return the document
	 * @throws IllegalArgumentException for a value of another type
	 */
	public static Document fromObject(@Nullable Object value, String path) {
		if (value == null) {
			return Document.fromNull();
		}
		if (value instanceof Document document) {
			return document;
		}
		if (value instanceof Map<?, ?> map) {
			Map<String, Document> result = new LinkedHashMap<>();
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				String key = String.valueOf(entry.getKey());
				result.put(key, fromObject(entry.getValue(), path + "." + key));
			}
			return Document.fromMap(result);
		}
		if (value instanceof List<?> list) {
			List<Document> result = new ArrayList<>();
			for (int i = 0; i < list.size(); i++) {
				result.add(fromObject(list.get(i), path + "[" + i + "]"));
			}
			return Document.fromList(result);
		}
		if (value instanceof String string) {
			return Document.fromString(string);
		}
		if (value instanceof Boolean bool) {
			return Document.fromBoolean(bool);
		}
		if (value instanceof BigDecimal decimal) {
			return Document.fromNumber(decimal);
		}
		if (value instanceof BigInteger integer) {
			return Document.fromNumber(integer);
		}
		if (value instanceof Number number) {
			return Document.fromNumber(SdkNumber.fromString(number.toString()));
		}
		throw new IllegalArgumentException("'" + path + "' has a value of type " + value.getClass().getName()
				+ "; use maps, lists, strings, numbers, booleans or null");
	}

	/**
	 * Convert a document to a Jackson tree.
	 * @param document the document, or {@code null}
	 * @return the node ({@code NullNode} for {@code null})
	 */
	public static JsonNode toNode(@Nullable Document document) {
		if (document == null || document.isNull()) {
			return NODES.nullNode();
		}
		if (document.isMap()) {
			ObjectNode object = NODES.objectNode();
			document.asMap().forEach((key, value) -> object.set(key, toNode(value)));
			return object;
		}
		if (document.isList()) {
			ArrayNode array = NODES.arrayNode();
			document.asList().forEach((value) -> array.add(toNode(value)));
			return array;
		}
		if (document.isBoolean()) {
			return NODES.booleanNode(document.asBoolean());
		}
		if (document.isNumber()) {
			String number = document.asNumber().stringValue();
			BigDecimal decimal = new BigDecimal(number);
			if (number.indexOf('.') < 0 && number.indexOf('e') < 0 && number.indexOf('E') < 0) {
				return NODES.numberNode(decimal.toBigIntegerExact());
			}
			return NODES.numberNode(decimal);
		}
		return NODES.stringNode(document.asString());
	}

	/**
	 * Serialize a document as compact JSON text.
	 * @param document the document, or {@code null}
	 * @return the JSON text
	 */
	public static String toJson(@Nullable Document document) {
		return JSON.writeValueAsString(toNode(document));
	}

	/**
	 * Convert a document to plain Java values (maps, lists, strings, numbers, booleans,
	 * {@code null}) for metadata.
	 * @param document the document
	 * @return the value
	 */
	public static @Nullable Object toObject(@Nullable Document document) {
		if (document == null || document.isNull()) {
			return null;
		}
		if (document.isMap()) {
			Map<String, @Nullable Object> map = new LinkedHashMap<>();
			document.asMap().forEach((key, value) -> map.put(key, toObject(value)));
			return map;
		}
		if (document.isList()) {
			List<@Nullable Object> list = new ArrayList<>();
			document.asList().forEach((value) -> list.add(toObject(value)));
			return list;
		}
		if (document.isBoolean()) {
			return document.asBoolean();
		}
		if (document.isNumber()) {
			return new BigDecimal(document.asNumber().stringValue());
		}
		return document.asString();
	}

}
