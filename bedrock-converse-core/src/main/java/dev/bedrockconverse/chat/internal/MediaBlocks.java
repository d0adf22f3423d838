package dev.bedrockconverse.chat.internal;

import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.content.Media;
import org.springframework.util.MimeType;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.bedrockruntime.model.AudioBlock;
import software.amazon.awssdk.services.bedrockruntime.model.AudioFormat;
import software.amazon.awssdk.services.bedrockruntime.model.AudioSource;
import software.amazon.awssdk.services.bedrockruntime.model.CitationsConfig;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.DocumentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.DocumentContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.DocumentFormat;
import software.amazon.awssdk.services.bedrockruntime.model.DocumentSource;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailConverseContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailConverseImageBlock;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailConverseImageFormat;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailConverseImageSource;
import software.amazon.awssdk.services.bedrockruntime.model.ImageBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ImageFormat;
import software.amazon.awssdk.services.bedrockruntime.model.ImageSource;
import software.amazon.awssdk.services.bedrockruntime.model.S3Location;
import software.amazon.awssdk.services.bedrockruntime.model.SearchResultBlock;
import software.amazon.awssdk.services.bedrockruntime.model.SearchResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.VideoBlock;
import software.amazon.awssdk.services.bedrockruntime.model.VideoFormat;
import software.amazon.awssdk.services.bedrockruntime.model.VideoSource;

import dev.bedrockconverse.chat.BedrockConverseMetadata;
import dev.bedrockconverse.chat.BedrockConverseSearchResult;

/**
 * Maps the media of a user message to Converse {@code image}, {@code document},
 * {@code video} and {@code audio} blocks, with bytes, text or {@code s3://} sources (and
 * the bucket owner), plus the blocks its metadata asks for (document context and chunks,
 * guard-content images, search results), and the media a tool returns to
 * {@code toolResult} content; checks Bedrock's documented limits before anything is sent:
 * at most 20 images of 3.75 MB and 5 documents of 4.5 MB per message, and valid, unique
 * document names (derived when the media has none usable).
 */
public final class MediaBlocks {

	/**
	 * The most images one request may carry.
	 */
	public static final int MAX_IMAGES = 20;

	/**
	 * The largest image, in bytes.
	 */
	public static final long MAX_IMAGE_BYTES = 3_750_000;

	/**
	 * The most documents one request may carry.
	 */
	public static final int MAX_DOCUMENTS = 5;

	/**
	 * The largest document, in bytes.
	 */
	public static final long MAX_DOCUMENT_BYTES = 4_500_000;

	/** The user-message metadata keys this class reads. */
	private static final List<String> MEDIA_METADATA = List.of(BedrockConverseMetadata.DOCUMENT_CHUNKS,
			BedrockConverseMetadata.DOCUMENT_CONTEXT, BedrockConverseMetadata.S3_BUCKET_OWNER,
			BedrockConverseMetadata.GUARD_CONTENT_IMAGES, BedrockConverseMetadata.SEARCH_RESULTS);

	private static final Map<String, ImageFormat> IMAGES = Map.of("image/png", ImageFormat.PNG, "image/jpeg",
			ImageFormat.JPEG, "image/jpg", ImageFormat.JPEG, "image/gif", ImageFormat.GIF, "image/webp",
			ImageFormat.WEBP);

	private static final Map<String, DocumentFormat> DOCUMENTS = Map.of("application/pdf", DocumentFormat.PDF,
			"text/csv", DocumentFormat.CSV, "application/msword", DocumentFormat.DOC,
			"application/vnd.openxmlformats-officedocument.wordprocessingml.document", DocumentFormat.DOCX,
			"application/vnd.ms-excel", DocumentFormat.XLS,
			"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", DocumentFormat.XLSX, "text/html",
			DocumentFormat.HTML, "text/plain", DocumentFormat.TXT, "text/markdown", DocumentFormat.MD);

	private static final Map<String, VideoFormat> VIDEOS = Map.ofEntries(Map.entry("video/x-matroska", VideoFormat.MKV),
			Map.entry("video/quicktime", VideoFormat.MOV), Map.entry("video/mp4", VideoFormat.MP4),
			Map.entry("video/webm", VideoFormat.WEBM), Map.entry("video/x-flv", VideoFormat.FLV),
			Map.entry("video/mpeg", VideoFormat.MPEG), Map.entry("video/mpg", VideoFormat.MPG),
			Map.entry("video/x-ms-wmv", VideoFormat.WMV), Map.entry("video/3gpp", VideoFormat.THREE_GP));

	private static final Map<String, AudioFormat> AUDIO = Map.ofEntries(Map.entry("audio/mpeg", AudioFormat.MP3),
			Map.entry("audio/mp3", AudioFormat.MP3), Map.entry("audio/opus", AudioFormat.OPUS),
			Map.entry("audio/wav", AudioFormat.WAV), Map.entry("audio/x-wav", AudioFormat.WAV),
			Map.entry("audio/wave", AudioFormat.WAV), Map.entry("audio/aac", AudioFormat.AAC),
			Map.entry("audio/x-aac", AudioFormat.X_AAC), Map.entry("audio/flac", AudioFormat.FLAC),
			Map.entry("audio/x-flac", AudioFormat.FLAC), Map.entry("audio/mp4", AudioFormat.MP4),
			Map.entry("audio/m4a", AudioFormat.M4_A), Map.entry("audio/x-m4a", AudioFormat.M4_A),
			Map.entry("audio/ogg", AudioFormat.OGG), Map.entry("audio/x-matroska", AudioFormat.MKA),
			Map.entry("audio/webm", AudioFormat.WEBM), Map.entry("audio/pcm", AudioFormat.PCM));

	/** The MIME types of documents that may be given as their text. */
	private static final Set<String> TEXT_DOCUMENTS = Set.of("text/plain", "text/markdown", "text/html", "text/csv");

	private static final Map<String, GuardrailConverseImageFormat> GUARD_IMAGES = Map.of("image/png",
			GuardrailConverseImageFormat.PNG, "image/jpeg", GuardrailConverseImageFormat.JPEG, "image/jpg",
			GuardrailConverseImageFormat.JPEG);

	/** The MIME type parameter that names an audio format of the SDK. */
	private static final String FORMAT = "format";

	private static final Pattern LOCATION = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://");

	private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");

	private static final Pattern GENERATED_NAME = Pattern
		.compile("media-[^\\s]+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	private MediaBlocks() {
	}

	/**
	 * Check media against Bedrock's formats and limits: a MIME type Converse accepts,
	 * bytes, text (text documents only) or an {@code s3://} location, at most 20 images
	 * of 3.75 MB and 5 documents of 4.5 MB, an audio {@code format} parameter the SDK
	 * knows.
	 * @param media the media
	 * @param where where they are, for errors (e.g. {@code message 2})
	 * @param extraDocuments documents the same message has besides its media
	 * @param audio whether audio is allowed there (a tool result takes none)
	 */
	static void validate(List<Media> media, String where, int extraDocuments, boolean audio) {
		int images = 0;
		int documents = extraDocuments;
		for (int i = 0; i < media.size(); i++) {
			Media item = media.get(i);
			String label = label(item, i, where);
			String mimeType = baseType(item.getMimeType());
			Source source = source(item, label);
			if (IMAGES.containsKey(mimeType)) {
				images++;
				if (images > MAX_IMAGES) {
					throw new IllegalArgumentException(label + " is image number " + images
							+ "; Bedrock accepts at most " + MAX_IMAGES + " images per message");
				}
				checkSize(source, MAX_IMAGE_BYTES, "3.75 MB", label);
			}
			else if (DOCUMENTS.containsKey(mimeType)) {
				documents++;
				if (documents > MAX_DOCUMENTS) {
					throw new IllegalArgumentException(label + " is document number " + documents
							+ "; Bedrock accepts at most " + MAX_DOCUMENTS + " documents per message");
				}
				checkSize(source, MAX_DOCUMENT_BYTES, "4.5 MB", label);
			}
			else if (AUDIO.containsKey(mimeType) && !audio) {
				throw new IllegalArgumentException(label + " is audio, which Converse does not take in a tool result; "
						+ "return an image, a document or a video, or text");
			}
			else if (!VIDEOS.containsKey(mimeType) && !AUDIO.containsKey(mimeType)) {
				throw new IllegalArgumentException(label + " has a MIME type Converse does not accept; use an image "
						+ "(png, jpeg, gif, webp), a document (pdf, csv, doc, docx, xls, xlsx, html, txt, md), "
						+ "a video or an audio type");
			}
			if (source.text() != null && !TEXT_DOCUMENTS.contains(mimeType)) {
				throw new IllegalArgumentException(label + " is text, but only a text document (" + TEXT_DOCUMENTS
						+ ") can be given as text; load the file into a byte[] or use an s3:// location");
			}
			if (AUDIO.containsKey(mimeType)) {
				audioFormat(item.getMimeType(), label);
			}
			else if (item.getMimeType().getParameter(FORMAT) != null) {
				throw new IllegalArgumentException(
						label + " has a '" + FORMAT + "' parameter, which only audio MIME types take; remove it");
			}
		}
	}

	/**
	 * Whether a user message has no media and none of the metadata that adds blocks or
	 * shapes them (most messages): then it has nothing for {@link #validateMessage} to
	 * check and no blocks for {@link #toContentBlocks}.
	 * @param message the message
	 * @return whether it is text only
	 */
	private static boolean isTextOnly(UserMessage message) {
		if (!message.getMedia().isEmpty()) {
			return false;
		}
		Map<String, Object> metadata = message.getMetadata();
		for (String key : MEDIA_METADATA) {
			if (metadata.containsKey(key)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Check the metadata of a user message that shapes its blocks:
	 * {@link BedrockConverseMetadata#DOCUMENT_CONTEXT},
	 * {@link BedrockConverseMetadata#DOCUMENT_CHUNKS},
	 * {@link BedrockConverseMetadata#S3_BUCKET_OWNER},
	 * {@link BedrockConverseMetadata#GUARD_CONTENT_IMAGES} and
	 * {@link BedrockConverseMetadata#SEARCH_RESULTS}, then its media
	 * ({@link #validate(List, String, int, boolean)}).
	 * @param message the user message
	 * @param index its index in the prompt, for errors
	 * @throws IllegalArgumentException naming the metadata key and the fix
	 */
	public static void validateMessage(UserMessage message, int index) {
		if (isTextOnly(message)) {
			return;
		}
		Map<String, Object> metadata = message.getMetadata();
		String where = "message " + index;
		Map<String, List<String>> chunks = chunks(metadata.get(BedrockConverseMetadata.DOCUMENT_CHUNKS), where);
		validate(message.getMedia(), where, chunks.size(), true);
		Set<String> documentNames = new HashSet<>(chunks.keySet());
		boolean s3 = false;
		boolean images = false;
		for (Media item : message.getMedia()) {
			String mimeType = baseType(item.getMimeType());
			s3 |= source(item, where).s3() != null;
			images |= IMAGES.containsKey(mimeType);
			if (DOCUMENTS.containsKey(mimeType) && item.getName() != null) {
				documentNames.add(item.getName());
			}
		}
		Object context = metadata.get(BedrockConverseMetadata.DOCUMENT_CONTEXT);
		if (context != null) {
			if (!(context instanceof Map<?, ?> map)) {
				throw new IllegalArgumentException(metadataError(where, BedrockConverseMetadata.DOCUMENT_CONTEXT,
						context, "a Map from document name to context text"));
			}
			map.forEach((name, text) -> {
				if (!documentNames.contains(name)) {
					throw new IllegalArgumentException(where + " has " + BedrockConverseMetadata.DOCUMENT_CONTEXT
							+ " for '" + name + "', but no document of that name; its documents are " + documentNames);
				}
				if (!(text instanceof String string) || string.isBlank()) {
					throw new IllegalArgumentException(where + " has a blank or non-text "
							+ BedrockConverseMetadata.DOCUMENT_CONTEXT + " for '" + name + "'; give a String");
				}
			});
		}
		Object owner = metadata.get(BedrockConverseMetadata.S3_BUCKET_OWNER);
		if (owner != null) {
			if (!(owner instanceof String account) || !ACCOUNT_ID.matcher(account).matches()) {
				throw new IllegalArgumentException(where + " has " + BedrockConverseMetadata.S3_BUCKET_OWNER + " '"
						+ owner + "'; Bedrock takes the 12-digit AWS account id of the bucket's owner");
			}
			if (!s3) {
				throw new IllegalArgumentException(where + " has " + BedrockConverseMetadata.S3_BUCKET_OWNER
						+ " but no s3:// attachment it could apply to; remove it or attach the s3:// media");
			}
		}
		Object guardImages = metadata.get(BedrockConverseMetadata.GUARD_CONTENT_IMAGES);
		if (guardImages != null && !(guardImages instanceof Boolean)) {
			throw new IllegalArgumentException(
					metadataError(where, BedrockConverseMetadata.GUARD_CONTENT_IMAGES, guardImages, "Boolean.TRUE"));
		}
		if (Boolean.TRUE.equals(guardImages)) {
			if (!images) {
				throw new IllegalArgumentException(where + " has " + BedrockConverseMetadata.GUARD_CONTENT_IMAGES
						+ " but no image; remove it or attach the png or jpeg images the guardrail should assess");
			}
			for (int i = 0; i < message.getMedia().size(); i++) {
				Media item = message.getMedia().get(i);
				String mimeType = baseType(item.getMimeType());
				if (IMAGES.containsKey(mimeType)
						&& (!GUARD_IMAGES.containsKey(mimeType) || source(item, where).bytes() == null)) {
					throw new IllegalArgumentException(
							label(item, i, where) + " is marked with " + BedrockConverseMetadata.GUARD_CONTENT_IMAGES
									+ ", but guard content takes only png or jpeg images given as bytes; convert it or "
									+ "remove the marker");
				}
			}
		}
		searchResults(metadata.get(BedrockConverseMetadata.SEARCH_RESULTS), where);
	}

	/**
	 * The search results of {@link BedrockConverseMetadata#SEARCH_RESULTS}.
	 * @param value the metadata value, or {@code null}
	 * @param where where it is, for errors
	 * @return the search results, empty when there are none
	 * @throws IllegalArgumentException if the value is not a list of
	 * {@link BedrockConverseSearchResult}
	 */
	static List<BedrockConverseSearchResult> searchResults(@Nullable Object value, String where) {
		if (value == null) {
			return List.of();
		}
		if (value instanceof List<?> list && list.stream().allMatch(BedrockConverseSearchResult.class::isInstance)) {
			return list.stream().map(BedrockConverseSearchResult.class::cast).toList();
		}
		throw new IllegalArgumentException(metadataError(where, BedrockConverseMetadata.SEARCH_RESULTS, value,
				"a List<BedrockConverseSearchResult>"));
	}

	private static Map<String, List<String>> chunks(@Nullable Object value, String where) {
		if (value == null) {
			return Map.of();
		}
		Map<String, List<String>> chunks = new LinkedHashMap<>();
		if (value instanceof Map<?, ?> map) {
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				if (!(entry.getKey() instanceof String name) || name.isBlank()
						|| !(entry.getValue() instanceof List<?> list) || list.isEmpty()
						|| !list.stream().allMatch((chunk) -> chunk instanceof String text && !text.isBlank())) {
					throw new IllegalArgumentException(where + " has " + BedrockConverseMetadata.DOCUMENT_CHUNKS
							+ " entry '" + entry.getKey() + "' that is not a document name with a non-empty list of "
							+ "non-blank text chunks");
				}
				chunks.put(name, list.stream().map(String.class::cast).toList());
			}
			return chunks;
		}
		throw new IllegalArgumentException(metadataError(where, BedrockConverseMetadata.DOCUMENT_CHUNKS, value,
				"a Map from document name to its List<String> of text chunks"));
	}

	private static String metadataError(String where, String key, Object value, String expected) {
		return where + " has " + key + " metadata of type " + value.getClass().getName() + "; use " + expected;
	}

	private static String label(Media item, int i, String where) {
		return "Attachment " + i + " ('" + item.getName() + "', " + item.getMimeType() + ") of " + where;
	}

	/**
	 * Map every media of one user message and the blocks its metadata adds: the media in
	 * order (images marked with {@link BedrockConverseMetadata#GUARD_CONTENT_IMAGES} as
	 * {@code guardContent}), then the documents of
	 * {@link BedrockConverseMetadata#DOCUMENT_CHUNKS}, then the
	 * {@link BedrockConverseMetadata#SEARCH_RESULTS}. The message must have passed
	 * {@link #validateMessage}.
	 * @param message the user message
	 * @param messageIndex the message's index in the prompt
	 * @param citations whether documents are sent with citations enabled
	 * @return the content blocks, in order
	 */
	public static List<ContentBlock> toContentBlocks(UserMessage message, int messageIndex, boolean citations) {
		if (isTextOnly(message)) {
			return List.of();
		}
		Map<String, Object> metadata = message.getMetadata();
		String where = "message " + messageIndex;
		Object owner = metadata.get(BedrockConverseMetadata.S3_BUCKET_OWNER);
		Object context = metadata.get(BedrockConverseMetadata.DOCUMENT_CONTEXT);
		Shaping shaping = new Shaping(citations, (owner instanceof String account) ? account : null,
				(context instanceof Map<?, ?> map) ? map : Map.of(), new HashSet<>());
		boolean guardImages = Boolean.TRUE.equals(metadata.get(BedrockConverseMetadata.GUARD_CONTENT_IMAGES));
		List<ContentBlock> blocks = new ArrayList<>();
		int documents = 0;
		for (int i = 0; i < message.getMedia().size(); i++) {
			Media item = message.getMedia().get(i);
			String mimeType = baseType(item.getMimeType());
			if (guardImages && GUARD_IMAGES.containsKey(mimeType)) {
				blocks.add(ContentBlock
					.fromGuardContent(GuardrailConverseContentBlock.fromImage(GuardrailConverseImageBlock.builder()
						.format(GUARD_IMAGES.get(mimeType))
						.source(GuardrailConverseImageSource.fromBytes(source(item, where).bytes()))
						.build())));
				continue;
			}
			if (DOCUMENTS.containsKey(mimeType)) {
				documents++;
			}
			blocks.add(toContentBlock(item, label(item, i, where), documents, shaping));
		}
		for (Map.Entry<String, List<String>> chunked : chunks(metadata.get(BedrockConverseMetadata.DOCUMENT_CHUNKS),
				where)
			.entrySet()) {
			documents++;
			blocks
				.add(ContentBlock.fromDocument(document(chunked.getKey(), DocumentFormat.TXT, documents, shaping)
					.source(DocumentSource
						.fromContent(chunked.getValue().stream().map(DocumentContentBlock::fromText).toList()))
					.build()));
		}
		for (BedrockConverseSearchResult result : searchResults(metadata.get(BedrockConverseMetadata.SEARCH_RESULTS),
				where)) {
			blocks.add(ContentBlock.fromSearchResult(searchResultBlock(result)));
		}
		return blocks;
	}

	/**
	 * The Converse block of a search result.
	 * @param result the search result
	 * @return the block
	 */
	static SearchResultBlock searchResultBlock(BedrockConverseSearchResult result) {
		return SearchResultBlock.builder()
			.source(result.source())
			.title(result.title())
			.content(result.content()
				.stream()
				.map((text) -> SearchResultContentBlock.builder().text(text).build())
				.toList())
			.citations(CitationsConfig.builder().enabled(result.citations()).build())
			.build();
	}

	/**
	 * The {@code image}, {@code document} or {@code video} blocks of the media a tool
	 * returned (validated with {@link #validate(List, String, int, boolean)}, no audio).
	 * @param media the media
	 * @param where where they are, for errors
	 * @param citations whether documents are sent with citations enabled
	 * @return the tool result content blocks, in order
	 */
	static List<ToolResultContentBlock> toToolResultContent(List<Media> media, String where, boolean citations) {
		Shaping shaping = new Shaping(citations, null, Map.of(), new HashSet<>());
		List<ToolResultContentBlock> blocks = new ArrayList<>();
		int documents = 0;
		for (int i = 0; i < media.size(); i++) {
			Media item = media.get(i);
			if (DOCUMENTS.containsKey(baseType(item.getMimeType()))) {
				documents++;
			}
			ContentBlock block = toContentBlock(item, label(item, i, where), documents, shaping);
			blocks.add((block.image() != null) ? ToolResultContentBlock.fromImage(block.image())
					: (block.document() != null) ? ToolResultContentBlock.fromDocument(block.document())
							: ToolResultContentBlock.fromVideo(block.video()));
		}
		return blocks;
	}

	private static ContentBlock toContentBlock(Media item, String label, int documentNumber, Shaping shaping) {
		String mimeType = baseType(item.getMimeType());
		Source source = source(item, label);
		S3Location s3 = (source.s3() != null && shaping.bucketOwner() != null)
				? source.s3().toBuilder().bucketOwner(shaping.bucketOwner()).build() : source.s3();
		if (IMAGES.containsKey(mimeType)) {
			return ContentBlock.fromImage(ImageBlock.builder()
				.format(IMAGES.get(mimeType))
				.source(source.pick(s3, ImageSource::fromBytes, ImageSource::fromS3Location))
				.build());
		}
		if (DOCUMENTS.containsKey(mimeType)) {
			DocumentSource documentSource = (source.bytes() != null) ? DocumentSource.fromBytes(source.bytes())
					: (source.text() != null) ? DocumentSource.fromText(source.text())
							: DocumentSource.fromS3Location(s3);
			return ContentBlock.fromDocument(
					document(item.getName(), DOCUMENTS.get(mimeType), documentNumber, shaping).source(documentSource)
						.build());
		}
		if (VIDEOS.containsKey(mimeType)) {
			return ContentBlock.fromVideo(VideoBlock.builder()
				.format(VIDEOS.get(mimeType))
				.source(source.pick(s3, VideoSource::fromBytes, VideoSource::fromS3Location))
				.build());
		}
		return ContentBlock.fromAudio(AudioBlock.builder()
			.format(audioFormat(item.getMimeType(), label))
			.source(source.pick(s3, AudioSource::fromBytes, AudioSource::fromS3Location))
			.build());
	}

	private static DocumentBlock.Builder document(@Nullable String name, DocumentFormat format, int number,
			Shaping shaping) {
		Object context = (name != null) ? shaping.context().get(name) : null;
		return DocumentBlock.builder()
			.format(format)
			.name(documentName(name, number, shaping.documentNames()))
			.context((context instanceof String text) ? text : null)
			.citations(shaping.citations() ? CitationsConfig.builder().enabled(true).build() : null);
	}

	/**
	 * The audio format of a MIME type: its {@code format} parameter when given (any
	 * format of the SDK, e.g. {@code audio/mpeg;format=mpga}), else the format the MIME
	 * type means.
	 * @param mimeType the MIME type
	 * @param label the attachment, for errors
	 * @return the format
	 */
	private static AudioFormat audioFormat(MimeType mimeType, String label) {
		String parameter = mimeType.getParameter(FORMAT);
		if (parameter == null) {
			return AUDIO.get(baseType(mimeType));
		}
		AudioFormat format = AudioFormat.fromValue(parameter.toLowerCase(Locale.ROOT));
		if (format == null || format == AudioFormat.UNKNOWN_TO_SDK_VERSION) {
			throw new IllegalArgumentException(label + " has the audio format '" + parameter
					+ "', which Converse does not know; use one of " + AudioFormat.knownValues());
		}
		return format;
	}

	/**
	 * The media of an {@code image}, {@code document}, {@code video} or {@code audio}
	 * block the model returned: its MIME type from the block's format, its bytes or its
	 * S3 location as an {@code s3://} URI, a document's name.
	 * @param block the block
	 * @return the media, or {@code null} for another kind, a format without a MIME type
	 * here, or a block without bytes or S3 location (an error, a text document)
	 */
	public static @Nullable Media toMedia(ContentBlock block) {
		return switch (block.type()) {
			case IMAGE -> media(mimeType(IMAGES, block.image().format()), block.image().source(), null);
			case DOCUMENT -> media(mimeType(DOCUMENTS, block.document().format()), block.document().source(),
					block.document().name());
			case VIDEO -> media(mimeType(VIDEOS, block.video().format()), block.video().source(), null);
			case AUDIO -> media(mimeType(AUDIO, block.audio().format()), block.audio().source(), null);
			default -> null;
		};
	}

	/**
	 * The MIME type of a format: of those that map to it, the first in alphabetical order
	 * (so always the same one).
	 * @param <F> the format type
	 * @param types the MIME types and their formats
	 * @param format the format
	 * @return the MIME type, or {@code null} if none maps to the format
	 */
	private static <F> @Nullable String mimeType(Map<String, F> types, @Nullable F format) {
		return types.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().equals(format))
			.map(Map.Entry::getKey)
			.sorted()
			.findFirst()
			.orElse(null);
	}

	/**
	 * The media of a returned block's source (an {@code ImageSource},
	 * {@code DocumentSource}, {@code VideoSource} or {@code AudioSource}: each has
	 * {@code bytes} and {@code s3Location}).
	 * @param mimeType the MIME type, or {@code null} if the format has none here
	 * @param source the source, or {@code null}
	 * @param name the name, or {@code null}
	 * @return the media, or {@code null} without MIME type, bytes or S3 location
	 */
	private static @Nullable Media media(@Nullable String mimeType, @Nullable SdkPojo source, @Nullable String name) {
		SdkBytes bytes = (source != null) ? (SdkBytes) ConverseRequestMapper.valueOf(source, "bytes") : null;
		S3Location s3 = (source != null) ? (S3Location) ConverseRequestMapper.valueOf(source, "s3Location") : null;
		if (mimeType == null || (bytes == null && (s3 == null || s3.uri() == null))) {
			return null;
		}
		Media.Builder media = Media.builder().mimeType(MimeType.valueOf(mimeType));
		if (bytes != null) {
			media.data(bytes.asByteArray());
		}
		else {
			media.data(URI.create(s3.uri()));
		}
		if (name != null) {
			media.name(name);
		}
		return media.build();
	}

	private static String baseType(MimeType mimeType) {
		return (mimeType.getType() + "/" + mimeType.getSubtype()).toLowerCase(Locale.ROOT);
	}

	private static Source source(Media media, String label) {
		Object data = media.getData();
		if (data instanceof byte[] bytes) {
			return new Source(SdkBytes.fromByteArray(bytes), null, null);
		}
		String location = (data instanceof URI || data instanceof URL || data instanceof String) ? data.toString()
				: null;
		if (location != null && location.startsWith("s3://") && location.length() > 5) {
			return new Source(null, S3Location.builder().uri(location).build(), null);
		}
		// A String that is not a location is a text document's text (checked by
		// validate).
		if (data instanceof String text && !LOCATION.matcher(text).lookingAt() && !text.isBlank()) {
			return new Source(null, null, text);
		}
		// Fetching other URLs would send traffic the caller did not ask for: refuse
		// instead.
		throw new IllegalArgumentException(label + " is "
				+ ((location != null) ? "the location '" + location + "'" : "of type " + data.getClass().getName())
				+ "; Converse takes media as bytes or as an s3:// location (a text document also as its text): "
				+ "load the file into a byte[] first");
	}

	private static void checkSize(Source source, long max, String maxText, String label) {
		if (source.bytes() != null && source.bytes().asByteArrayUnsafe().length > max) {
			throw new IllegalArgumentException(label + " has " + source.bytes().asByteArrayUnsafe().length
					+ " bytes; Bedrock accepts at most " + maxText + " for this kind of attachment");
		}
	}

	/**
	 * A document name Bedrock accepts: only letters, digits, single whitespace, hyphens,
	 * parentheses and square brackets, 1 to 200 characters, unique in the message. The
	 * media's name is cleaned up (an extension's dot becomes a hyphen); an empty result
	 * becomes {@code document-<n>}.
	 * @param name the name
	 * @param number the number
	 * @param used the names already used in the message
	 * @return a document name Bedrock accepts
	 */
	public static String documentName(@Nullable String name, int number, Set<String> used) {
		// Spring AI names unnamed media "media-<subtype>-<random UUID>": treat that as no
		// name,
		// since a random name would also change the prompt (and defeat prompt caching) on
		// each call.
		boolean generated = name != null && GENERATED_NAME.matcher(name).matches();
		String cleaned = (name != null && !generated)
				? name.replaceAll("[^A-Za-z0-9\\s\\-()\\[\\]]", "-").replaceAll("\\s+", " ").strip() : "";
		if (cleaned.length() > 200) {
			cleaned = cleaned.substring(0, 200).strip();
		}
		if (cleaned.isEmpty() || cleaned.chars().allMatch((c) -> c == '-')) {
			cleaned = "document-" + number;
		}
		String candidate = cleaned;
		for (int suffix = 2; !used.add(candidate); suffix++) {
			candidate = cleaned + " (" + suffix + ")";
		}
		return candidate;
	}

	private record Source(@Nullable SdkBytes bytes, @Nullable S3Location s3, @Nullable String text) {

		/**
		 * The SDK source of these bytes, or else of the S3 location.
		 * @param <T> the SDK source type
		 * @param location the S3 location (with its bucket owner)
		 * @param fromBytes the SDK's factory for bytes
		 * @param fromS3 the SDK's factory for an S3 location
		 * @return the SDK source
		 */
		<T> T pick(@Nullable S3Location location, Function<SdkBytes, T> fromBytes, Function<S3Location, T> fromS3) {
			return (this.bytes != null) ? fromBytes.apply(this.bytes) : fromS3.apply(location);
		}

	}

	/**
	 * What shapes the blocks of one message's media.
	 *
	 * @param citations whether documents have citations enabled
	 * @param bucketOwner the owner of the S3 buckets, or {@code null}
	 * @param context the context of each document, by name
	 * @param documentNames the document names used so far
	 */
	private record Shaping(boolean citations, @Nullable String bucketOwner, Map<?, ?> context,
			Set<String> documentNames) {
	}

}
