package dev.bedrockconverse.chat.internal;

import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
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
import software.amazon.awssdk.services.bedrockruntime.model.DocumentFormat;
import software.amazon.awssdk.services.bedrockruntime.model.DocumentSource;
import software.amazon.awssdk.services.bedrockruntime.model.ImageBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ImageFormat;
import software.amazon.awssdk.services.bedrockruntime.model.ImageSource;
import software.amazon.awssdk.services.bedrockruntime.model.S3Location;
import software.amazon.awssdk.services.bedrockruntime.model.VideoBlock;
import software.amazon.awssdk.services.bedrockruntime.model.VideoFormat;
import software.amazon.awssdk.services.bedrockruntime.model.VideoSource;

/**
 * Maps the media of a user message to Converse {@code image}, {@code document},
 * {@code video} and {@code audio} blocks, with bytes or {@code s3://} sources, and checks
 * Bedrock's documented limits before anything is sent: at most 20 images of 3.75 MB and 5
 * documents of 4.5 MB per message, and valid, unique document names (derived when the
 * media has none usable).
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

	private static final Pattern GENERATED_NAME = Pattern
		.compile("media-[^\\s]+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	private MediaBlocks() {
	}

	/**
	 * Check every media of one user message against Bedrock's formats and limits: a MIME
	 * type Converse accepts, bytes or an {@code s3://} location, at most 20 images of
	 * 3.75 MB and 5 documents of 4.5 MB. {@link PromptValidator} runs this before
	 * mapping; {@link #toContentBlocks} assumes it passed.
	 * @param media the media
	 * @param messageIndex the message's index in the prompt, for errors
	 * @throws IllegalArgumentException naming the attachment that cannot be sent
	 */
	public static void validate(List<Media> media, int messageIndex) {
		int images = 0;
		int documents = 0;
		for (int i = 0; i < media.size(); i++) {
			Media item = media.get(i);
			String label = "Attachment " + i + " ('" + item.getName() + "', " + item.getMimeType() + ") of message "
					+ messageIndex;
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
			else if (!VIDEOS.containsKey(mimeType) && !AUDIO.containsKey(mimeType)) {
				throw new IllegalArgumentException(label + " has a MIME type Converse does not accept; use an image "
						+ "(png, jpeg, gif, webp), a document (pdf, csv, doc, docx, xls, xlsx, html, txt, md), "
						+ "a video or an audio type");
			}
		}
	}

	/**
	 * Map every media of one user message; the media must have passed
	 * {@link #validate(List, int)}.
	 * @param media the media
	 * @param messageIndex the message's index in the prompt
	 * @param citations whether documents are sent with citations enabled
	 * @return the content blocks, in order
	 */
	public static List<ContentBlock> toContentBlocks(List<Media> media, int messageIndex, boolean citations) {
		List<ContentBlock> blocks = new ArrayList<>();
		Set<String> documentNames = new HashSet<>();
		int documents = 0;
		for (int i = 0; i < media.size(); i++) {
			Media item = media.get(i);
			String mimeType = baseType(item.getMimeType());
			Source source = source(item, "Attachment " + i + " of message " + messageIndex);
			if (IMAGES.containsKey(mimeType)) {
				blocks.add(ContentBlock.fromImage(ImageBlock.builder()
					.format(IMAGES.get(mimeType))
					.source((source.bytes() != null) ? ImageSource.fromBytes(source.bytes())
							: ImageSource.fromS3Location(source.s3()))
					.build()));
			}
			else if (DOCUMENTS.containsKey(mimeType)) {
				documents++;
				blocks.add(ContentBlock.fromDocument(DocumentBlock.builder()
					.format(DOCUMENTS.get(mimeType))
					.name(documentName(item.getName(), documents, documentNames))
					.citations(citations ? CitationsConfig.builder().enabled(true).build() : null)
					.source((source.bytes() != null) ? DocumentSource.fromBytes(source.bytes())
							: DocumentSource.fromS3Location(source.s3()))
					.build()));
			}
			else if (VIDEOS.containsKey(mimeType)) {
				blocks.add(ContentBlock.fromVideo(VideoBlock.builder()
					.format(VIDEOS.get(mimeType))
					.source((source.bytes() != null) ? VideoSource.fromBytes(source.bytes())
							: VideoSource.fromS3Location(source.s3()))
					.build()));
			}
			else {
				blocks.add(ContentBlock.fromAudio(AudioBlock.builder()
					.format(AUDIO.get(mimeType))
					.source((source.bytes() != null) ? AudioSource.fromBytes(source.bytes())
							: AudioSource.fromS3Location(source.s3()))
					.build()));
			}
		}
		return blocks;
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
			return new Source(SdkBytes.fromByteArray(bytes), null);
		}
		String location = (data instanceof URI || data instanceof URL || data instanceof String) ? data.toString()
				: null;
		if (location != null && location.startsWith("s3://") && location.length() > 5) {
			return new Source(null, S3Location.builder().uri(location).build());
		}
		// Fetching other URLs would send traffic the caller did not ask for: refuse
		// instead.
		throw new IllegalArgumentException(label + " is "
				+ ((location != null) ? "the location '" + location + "'" : "of type " + data.getClass().getName())
				+ "; Converse takes media as bytes or as an s3:// location: load the file into a byte[] first");
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

	private record Source(@Nullable SdkBytes bytes, @Nullable S3Location s3) {
	}

}
