package com.campaignsender.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.i18n.DefaultMessageSource;
import com.networknt.schema.i18n.MessageSource;
import com.networknt.schema.path.PathType;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks a request body captured from a gateway against the provider's own contract, so that a test fails on what
 * the provider would refuse (or accept and misread), not only on what the test expected. The contracts are the
 * schemas in src/test/resources/contracts, written from /work/shared/providers.md.
 */
public final class ProviderContracts {

    private static final String CONTRACTS = "classpath:contracts/";
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            registry -> registry.schemaRegistryConfig(SchemaRegistryConfig.builder()
                    .pathType(PathType.JSON_PATH).messageSource(libraryMessages()).build()));
    private static final Schema VOIPBIN_EMAIL = load("voipbin-post-emails.schema.json");
    private static final Schema VOIPBIN_MESSAGE = load("voipbin-post-messages.schema.json");
    private static final Schema INFOBIP_SEND = load("infobip-email-3-send.fields.json");
    // JSON written inside a form field is only text to the form's schema: these parts of it are applied to the parsed text.
    private static final Schema INFOBIP_RECIPIENT = load("infobip-email-3-send.fields.json#/$defs/recipient");
    private static final Schema INFOBIP_HEADERS = load("infobip-email-3-send.fields.json#/$defs/headers");

    private static final List<String> RECIPIENT_FIELDS = List.of("to", "cc", "bcc");
    // A schema sees one field at a time: this limit spans three.
    private static final int MAX_RECIPIENTS = 1000;
    // Relative to the moment of sending, which a schema cannot know.
    private static final Duration MAX_SCHEDULE_AHEAD = Duration.ofDays(30);
    // Infobip writes yyyy-MM-dd'T'HH:mm:ss.SSSZ (an offset without a colon); an ISO offset or Z is read as well.
    private static final DateTimeFormatter SEND_AT = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).appendPattern("[XXX][XX]").toFormatter(Locale.ROOT);
    private static final JsonMapper JSON = JsonMapper.shared();

    private ProviderContracts() {
    }

    /** What breaks VoIPBIN's contract for a {@code POST /emails} body; empty when nothing does. */
    public static List<String> voipbinEmailProblems(String jsonBody) {
        return jsonProblems(VOIPBIN_EMAIL, "", jsonBody);
    }

    /** What breaks VoIPBIN's contract for a {@code POST /messages} body; empty when nothing does. */
    public static List<String> voipbinMessageProblems(String jsonBody) {
        return jsonProblems(VOIPBIN_MESSAGE, "", jsonBody);
    }

    /**
     * What breaks Infobip's contract for a {@code POST /email/3/send} form; empty when nothing does.
     *
     * @param fields each form field's name and the values sent under it, in order; a file part by its file name
     */
    public static List<String> infobipSendProblems(Map<String, List<String>> fields) {
        List<String> problems = new ArrayList<>(problems(INFOBIP_SEND, "", JSON.valueToTree(fields)));
        int recipients = RECIPIENT_FIELDS.stream().mapToInt(name -> values(fields, name).size()).sum();
        if (recipients > MAX_RECIPIENTS) {
            problems.add(recipients + " recipients over to, cc and bcc: at most " + MAX_RECIPIENTS + " per request");
        }
        for (String name : RECIPIENT_FIELDS) {
            List<String> values = values(fields, name);
            for (int i = 0; i < values.size(); i++) {
                // The form's schema lets a value through as an address or as text opening a JSON object: the object is checked here.
                if (values.get(i) != null && values.get(i).strip().startsWith("{")) {
                    problems.addAll(jsonProblems(INFOBIP_RECIPIENT, "$." + name + "[" + i + "] as JSON: ", values.get(i)));
                }
            }
        }
        values(fields, "headers").stream().filter(Objects::nonNull).forEach(value -> problems.addAll(headerProblems(value)));
        values(fields, "sendAt").stream().filter(Objects::nonNull).forEach(value -> problems.addAll(sendAtProblems(value)));
        return problems;
    }

    public static void assertVoipbinEmail(String jsonBody) {
        assertThat(voipbinEmailProblems(jsonBody)).as("VoIPBIN POST /emails against its contract").isEmpty();
    }

    public static void assertVoipbinMessage(String jsonBody) {
        assertThat(voipbinMessageProblems(jsonBody)).as("VoIPBIN POST /messages against its contract").isEmpty();
    }

    public static void assertInfobipSend(Map<String, List<String>> fields) {
        assertThat(infobipSendProblems(fields)).as("Infobip POST /email/3/send against its contract").isEmpty();
    }

    private static List<String> headerProblems(String value) {
        String where = "$.headers as JSON: ";
        JsonNode headers;
        try {
            headers = JSON.readTree(value);
        }
        catch (JacksonException e) {
            return List.of(where + "not JSON text: " + e.getOriginalMessage());
        }
        if (headers instanceof ObjectNode object) {
            // Header names are case-insensitive: "from" sets From as surely as "From" does.
            ObjectNode lowerCased = JSON.createObjectNode();
            object.properties().forEach(header -> lowerCased.set(header.getKey().toLowerCase(Locale.ROOT), header.getValue()));
            headers = lowerCased;
        }
        return problems(INFOBIP_HEADERS, where, headers);
    }

    private static List<String> sendAtProblems(String value) {
        try {
            return OffsetDateTime.parse(value, SEND_AT).isAfter(OffsetDateTime.now().plus(MAX_SCHEDULE_AHEAD))
                    ? List.of("$.sendAt: " + value + " is more than 30 days ahead")
                    : List.of();
        }
        catch (DateTimeParseException e) {
            return List.of("$.sendAt: " + value + " is not a date-time with an offset");
        }
    }

    private static List<String> jsonProblems(Schema schema, String where, String json) {
        try {
            return problems(schema, where, JSON.readTree(json));
        }
        catch (JacksonException e) {
            return List.of(where + "not JSON text: " + e.getOriginalMessage());
        }
    }

    private static List<String> problems(Schema schema, String where, JsonNode instance) {
        return schema.validate(instance).stream().map(error -> where + error.getInstanceLocation() + ": " + error.getMessage()).toList();
    }

    private static List<String> values(Map<String, List<String>> fields, String name) {
        return fields.getOrDefault(name, List.of());
    }

    private static Schema load(String path) {
        return SCHEMAS.getSchema(SchemaLocation.of(CONTRACTS + path));
    }

    /**
     * The validator's messages read from its own jar. wiremock-standalone, earlier on the test classpath, shades an
     * older json-schema-validator but leaves that version's jsv-messages.properties unrelocated: looked up by name,
     * its texts win and fit this version's arguments badly ("1: must be at least {1} characters long").
     */
    private static MessageSource libraryMessages() {
        URL jar = SchemaRegistry.class.getProtectionDomain().getCodeSource().getLocation();
        Properties messages = new Properties();
        try (URLClassLoader library = new URLClassLoader(new URL[] { jar }, null);
                InputStream in = library.getResourceAsStream(DefaultMessageSource.BUNDLE_BASE_NAME + ".properties")) {
            messages.load(new InputStreamReader(Objects.requireNonNull(in, "no messages in " + jar), StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return (key, defaultMessage, locale, arguments) -> {
            String pattern = messages.getProperty(key);
            return pattern != null ? new MessageFormat(pattern, Locale.ROOT).format(arguments)
                    : defaultMessage != null ? defaultMessage.get() : key;
        };
    }
}
