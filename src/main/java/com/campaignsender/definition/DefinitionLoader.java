package com.campaignsender.definition;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

import com.campaignsender.definition.CampaignDefinition.Limits;
import com.campaignsender.definition.CampaignDefinition.RecipientSource;
import com.campaignsender.definition.CampaignDefinition.ReconcileSettings;
import com.campaignsender.definition.CampaignDefinition.Schedule;
import com.campaignsender.definition.CampaignDefinition.Sender;
import com.campaignsender.definition.CampaignDefinition.Templates;
import com.campaignsender.gateway.AccountConnection;
import com.campaignsender.gateway.Carries;
import com.campaignsender.gateway.Channel;
import com.campaignsender.gateway.DefinitionSection;
import com.campaignsender.gateway.Provider;
import com.campaignsender.gateway.ProviderRegistry;

/**
 * Reads {@code jobs/<name>.yml} into a {@link CampaignDefinition}. Every field is checked here,
 * once, and every problem is reported together with the file and the field; a definition that
 * has any problem is refused whole.
 */
@Component
public class DefinitionLoader {

    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Set<String> FIELDS = Set.of("name", "channel", "provider", "sender", "recipients", "template",
            "cc", "bcc", "attachments", "schedule", "limits", "reconcile", "unsubscribe", "review", "send-window");

    /** The largest attachment: each is stored with every run that sends it, in one database row. */
    static final long MAX_ATTACHMENT_BYTES = 10L * 1024 * 1024;

    private final ProviderRegistry providers;

    public DefinitionLoader(ProviderRegistry providers) {
        this.providers = providers;
    }

    /** The definition as its files are on disk now. */
    public CampaignDefinition load(Path file) {
        return load(file, CampaignFiles.DISK);
    }

    /** The definition as {@code files} hold it: the disk, or a run's snapshot. */
    public CampaignDefinition load(Path file, CampaignFiles files) {
        Map<?, ?> document = parse(file, files);
        List<String> problems = new ArrayList<>();
        YamlSection root = new YamlSection("", document, problems);
        Set<String> fields = new HashSet<>(FIELDS);
        providers.providers().forEach(provider -> provider.section().ifPresent(section -> fields.add(section.key())));
        root.rejectUnknown(fields);
        PathResolver paths = new PathResolver(file, files);

        String name = root.requiredText("name");
        if (name != null && !NAME.matcher(name).matches()) {
            root.problem("name", "'" + name + "' may hold only a-z, 0-9 and '-'");
        }
        Channel channel = root.parsed("channel", DefinitionLoader::channel).orElse(null);
        if (!root.has("channel")) {
            root.problem("channel", "is required (email or sms)");
        }
        String provider = root.requiredText("provider");
        Optional<Provider> type = provider == null ? Optional.empty() : providers.find(provider).map(AccountConnection::provider);
        if (provider != null && type.isEmpty()) {
            root.problem("provider", providers.unknown(provider));
        }
        // What the account's provider carries on this channel; everything while either is unknown, to say nothing twice.
        Carries carries = type.isEmpty() || channel == null ? ALL : type.get().channels().get(channel);
        if (carries == null) {
            root.problem("provider", "the " + provider + " account (" + type.get().type() + ") sends "
                    + type.get().channels().keySet().stream().map(DefinitionLoader::word).sorted().toList()
                    + " only, not " + word(channel));
            carries = ALL;
        }
        String carrier = type.map(Provider::type).orElse(provider) + " " + word(channel);

        Sender sender = sender(root, channel);
        RecipientSource recipients = recipients(root, channel, paths);
        Templates templates = templates(root, channel, paths);
        List<String> cc = copies(root, "cc", channel, carries, carrier);
        List<String> bcc = copies(root, "bcc", channel, carries, carrier);
        List<Path> attachments = attachments(root, channel, carries, carrier, paths);
        Map<String, String> providerFields = providerFields(root, type);
        List<String> notes = notes(channel, carries, carrier, templates);
        Optional<Schedule> schedule = root.section("schedule").map(DefinitionLoader::schedule);
        Limits limits = limits(root.sectionOrEmpty("limits"));
        ReconcileSettings reconcile = reconcile(root.sectionOrEmpty("reconcile"));
        boolean unsubscribe = root.parsed("unsubscribe", DefinitionLoader::flag).orElse(false);
        boolean review = root.parsed("review", DefinitionLoader::flag).orElse(false);
        Optional<SendWindow> sendWindow = root.section("send-window").map(SendWindow::read);

        if (!problems.isEmpty()) {
            throw new InvalidDefinitionException(problems.stream().map(p -> file + ": " + p).toList());
        }
        return new CampaignDefinition(file, name, channel, provider, sender, recipients, templates, cc, bcc,
                attachments, providerFields, schedule, limits, reconcile, unsubscribe, review, sendWindow, notes);
    }

    /** Everything a campaign may ask for: what is assumed while the provider or channel is unknown. */
    private static final Carries ALL = new Carries(true, true, true, true, true);

    private static String word(Channel channel) {
        return channel == null ? "" : channel.name().toLowerCase(Locale.ROOT);
    }

    /**
     * What the definition asks that its provider leaves out, said at {@code validate} rather than
     * refused, so that a definition moves between providers as it is.
     */
    private static List<String> notes(Channel channel, Carries carries, String carrier, Templates templates) {
        List<String> notes = new ArrayList<>();
        if (templates != null && !carries.htmlAndText() && templates.html().isPresent() && templates.text().isPresent()) {
            notes.add("template.text: " + carrier + " carries one content field: the html is sent, the text template is not");
        }
        if (channel == Channel.EMAIL && !carries.sender()) {
            notes.add("sender: " + carrier + " goes from the account's own default source; the campaign's sender is not carried");
        }
        return notes;
    }

    private static Map<?, ?> parse(Path file, CampaignFiles files) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try (Reader reader = new InputStreamReader(new ByteArrayInputStream(files.read(file)), StandardCharsets.UTF_8)) {
            Object document = new Yaml(new SafeConstructor(options)).load(reader);
            if (document instanceof Map<?, ?> map) {
                return map;
            }
            throw new InvalidDefinitionException(List.of(file + ": expected a mapping of fields (name, channel, ...)"));
        }
        catch (NoSuchFileException ex) {
            throw new InvalidDefinitionException(List.of(file + ": no such campaign definition file"));
        }
        catch (IOException ex) {
            throw new InvalidDefinitionException(List.of(file + ": cannot be read (" + ex.getMessage() + ")"));
        }
        catch (YAMLException ex) {
            throw new InvalidDefinitionException(List.of(file + ": not valid YAML: " + ex.getMessage()));
        }
    }

    private static Channel channel(String text) {
        return switch (text) {
            case "email" -> Channel.EMAIL;
            case "sms" -> Channel.SMS;
            default -> throw new IllegalArgumentException("'" + text + "' is not one of email, sms");
        };
    }

    private static Character separator(String text) {
        return switch (text) {
            case ",", ";", "|" -> text.charAt(0);
            case "tab", "\t" -> '\t';
            default -> throw new IllegalArgumentException("'" + text + "' is not one of , ; | tab");
        };
    }

    private static Sender sender(YamlSection root, Channel channel) {
        Optional<YamlSection> section = root.section("sender");
        if (section.isEmpty()) {
            root.problem("sender", "is required, for example { address: \"news@example.com\", name: \"Example News\" }");
            return null;
        }
        YamlSection sender = section.get();
        sender.rejectUnknown(Set.of("address", "name"));
        String address = sender.requiredText("address");
        if (address != null && channel == Channel.SMS && !E164.matcher(address).matches()) {
            sender.problem("address", "'" + address + "' is not an E.164 number like +15551234567");
        }
        if (address != null && channel == Channel.EMAIL && !EMAIL.matcher(address).matches()) {
            sender.problem("address", "'" + address + "' is not an email address");
        }
        if (channel == Channel.SMS && sender.has("name")) {
            sender.problem("name", "an sms carries no sender name; remove it");
        }
        return new Sender(address, sender.text("name").orElse(""));
    }

    private static RecipientSource recipients(YamlSection root, Channel channel, PathResolver paths) {
        Optional<YamlSection> section = root.section("recipients");
        if (section.isEmpty()) {
            root.problem("recipients", "is required, for example { file: samples/recipients/list.csv, address-column: email }");
            return null;
        }
        YamlSection recipients = section.get();
        recipients.rejectUnknown(Set.of("file", "inbox", "address-column", "default-region", "separator"));
        Optional<Path> file = recipients.text("file").map(paths::resolve);
        Optional<Path> inbox = recipients.text("inbox").map(paths::resolve);
        if (file.isPresent() == inbox.isPresent()) {
            recipients.problem("file", "give exactly one of file and inbox");
        }
        String column = recipients.text("address-column").orElse(channel == Channel.SMS ? "phone" : "email");
        Optional<String> region = recipients.text("default-region").map(r -> r.toUpperCase(Locale.ROOT));
        if (region.isPresent() && channel != Channel.SMS) {
            recipients.problem("default-region", "applies to sms campaigns only");
        }
        if (region.isPresent() && !PhoneNumberUtil.getInstance().getSupportedRegions().contains(region.get())) {
            recipients.problem("default-region", "'" + region.get() + "' is not a region code like US, NL or GB");
        }
        Optional<Character> separator = recipients.parsed("separator", DefinitionLoader::separator);
        return new RecipientSource(file, inbox, column, region.orElse(null), separator);
    }

    private static Templates templates(YamlSection root, Channel channel, PathResolver paths) {
        Optional<YamlSection> section = root.section("template");
        if (section.isEmpty()) {
            root.problem("template", "is required");
            return null;
        }
        YamlSection template = section.get();
        template.rejectUnknown(Set.of("subject", "html", "text"));
        Optional<Path> subject = existingFile(template, "subject", paths);
        Optional<Path> html = existingFile(template, "html", paths);
        Optional<Path> text = existingFile(template, "text", paths);
        if (channel == Channel.SMS) {
            if (template.has("subject") || template.has("html")) {
                template.problem(template.has("subject") ? "subject" : "html", "an sms has a text template only");
            }
            if (!template.has("text")) {
                template.problem("text", "is required for an sms campaign");
            }
        }
        if (channel == Channel.EMAIL) {
            if (!template.has("subject")) {
                template.problem("subject", "is required for an email campaign");
            }
            if (!template.has("html") && !template.has("text")) {
                template.problem("html", "an email needs an html or a text template");
            }
        }
        return new Templates(subject, html, text);
    }

    private static List<Path> attachments(YamlSection root, Channel channel, Carries carries, String carrier,
            PathResolver paths) {
        List<String> names = root.textList("attachments");
        if (names.isEmpty()) {
            return List.of();
        }
        if (channel != Channel.EMAIL) {
            root.problem("attachments", "only email campaigns carry attachments");
        }
        else if (!carries.attachments()) {
            root.problem("attachments", carrier + " carries no attachment files; remove them or send through an account that does");
        }
        List<Path> files = new ArrayList<>();
        for (String name : names) {
            Path path = paths.resolve(name);
            if (!paths.files().isFile(path)) {
                root.problem("attachments", "file not found: " + path);
            }
            else if (size(path, paths.files()) > MAX_ATTACHMENT_BYTES) {
                root.problem("attachments", path + " has " + size(path, paths.files()) / (1024 * 1024) + " MB; an attachment may"
                        + " have " + MAX_ATTACHMENT_BYTES / (1024 * 1024) + " MB at most (it is stored with each run, SPEC section 20)");
            }
            files.add(path);
        }
        return files;
    }

    private static long size(Path file, CampaignFiles files) {
        try {
            return files.read(file).length;
        }
        catch (IOException ex) {
            return 0; // unreadable: said when the run reads it
        }
    }

    /** cc or bcc: email addresses, where the provider carries copies. */
    private static List<String> copies(YamlSection root, String key, Channel channel, Carries carries, String carrier) {
        List<String> addresses = root.textList(key);
        if (addresses.isEmpty()) {
            return addresses;
        }
        if (channel != Channel.EMAIL || !carries.copies()) {
            root.problem(key, carrier + " cannot carry " + key + "; send through an account whose provider carries copies");
        }
        addresses.stream().filter(address -> !EMAIL.matcher(address).matches())
                .forEach(address -> root.problem(key, "'" + address + "' is not an email address"));
        return addresses;
    }

    /**
     * The providers' own sections ({@code infobip:}): the request fields of the account's provider,
     * under their kebab-case names; another provider's section is refused.
     */
    private Map<String, String> providerFields(YamlSection root, Optional<Provider> type) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Provider provider : providers.providers()) {
            Optional<DefinitionSection> declared = provider.section();
            Optional<YamlSection> written = declared.flatMap(section -> root.section(section.key()));
            if (written.isEmpty()) {
                continue;
            }
            DefinitionSection section = declared.get();
            if (type.isPresent() && !type.get().type().equals(provider.type())) {
                root.problem(section.key(), "applies to " + provider.type() + " accounts only");
            }
            YamlSection yaml = written.get();
            yaml.rejectUnknown(section.fields().keySet());
            section.fields().forEach((key, field) -> yaml.text(key).ifPresent(value -> fields.put(field, value)));
            section.flags().forEach(flag -> yaml.parsed(flag, DefinitionLoader::flag));
        }
        return fields;
    }

    private static Optional<Path> existingFile(YamlSection section, String key, PathResolver paths) {
        Optional<Path> path = section.text(key).map(paths::resolve);
        if (path.isPresent() && !paths.files().isFile(path.get())) {
            section.problem(key, "file not found: " + path.get());
        }
        return path;
    }

    private static Schedule schedule(YamlSection schedule) {
        schedule.rejectUnknown(Set.of("cron", "zone", "grace"));
        String cron = schedule.requiredText("cron");
        if (cron != null && !CronExpression.isValidExpression(cron)) {
            schedule.problem("cron", "'" + cron + "' is not a six-field cron like \"0 0 9 * * MON-FRI\"");
        }
        ZoneId zone = schedule.parsed("zone", ZoneId::of).orElse(ZoneId.of("UTC"));
        Duration grace = schedule.parsed("grace", DefinitionLoader::duration).orElse(Duration.ofHours(1));
        return new Schedule(cron, zone, grace);
    }

    private static Limits limits(YamlSection limits) {
        limits.rejectUnknown(Set.of("rate", "burst", "concurrency", "chunk", "max-attempts", "error-threshold",
                "outage-timeout"));
        Rate rate = limits.parsed("rate", Rate::parse).orElse(Rate.parse("50/s"));
        int burst = limits.positiveInt("burst", (int) Math.max(1, Math.min(Integer.MAX_VALUE, rate.permits())));
        double threshold = limits.parsed("error-threshold", DefinitionLoader::ratio).orElse(0.2);
        return new Limits(rate, burst, limits.positiveInt("concurrency", 16), limits.positiveInt("chunk", 100),
                limits.positiveInt("max-attempts", 5), threshold,
                limits.parsed("outage-timeout", DefinitionLoader::duration).orElse(Duration.ofMinutes(30)));
    }

    private static ReconcileSettings reconcile(YamlSection reconcile) {
        reconcile.rejectUnknown(Set.of("poll-interval", "timeout", "concurrency"));
        Duration poll = reconcile.parsed("poll-interval", DefinitionLoader::duration).orElse(Duration.ofSeconds(5));
        Duration timeout = reconcile.parsed("timeout", DefinitionLoader::duration).orElse(Duration.ofMinutes(10));
        // Each reader holds a database connection while it records a page: the pool has 10.
        return new ReconcileSettings(poll, timeout, reconcile.intBetween("concurrency", 1, 8, 4));
    }

    private static Duration duration(String text) {
        try {
            Duration duration = DurationStyle.SIMPLE.parse(text);
            if (duration.isNegative()) {
                throw new IllegalArgumentException("must not be negative");
            }
            return duration;
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("'" + text + "' is not a duration like 500ms, 5s, 10m or 1h");
        }
    }

    private static boolean flag(String text) {
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("'" + text + "' is not true or false");
        };
    }

    private static double ratio(String text) {
        try {
            double value = Double.parseDouble(text);
            if (value <= 0 || value > 1) {
                throw new NumberFormatException();
            }
            return value;
        }
        catch (NumberFormatException ex) {
            throw new IllegalArgumentException("'" + text + "' is not a ratio above 0 and at most 1, like 0.2");
        }
    }

    /**
     * Definition paths are relative to the job file's folder, or to the project whose {@code jobs/}
     * folder holds it, or else to the working directory.
     */
    private record PathResolver(Path definitionFile, CampaignFiles files) {

        Path resolve(String name) {
            Path path = Path.of(name);
            if (path.isAbsolute()) {
                return path;
            }
            Path folder = definitionFile.toAbsolutePath().getParent();
            for (Path base : new Path[] { folder, folder.getParent() }) {
                if (base != null && files.exists(base.resolve(path))) {
                    return base.resolve(path).normalize();
                }
            }
            return path;
        }
    }
}
