package com.campaignsender.send;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

import com.campaignsender.definition.CampaignDefinition;
import com.campaignsender.definition.CampaignFiles;
import com.campaignsender.definition.DefinitionLoader;
import com.campaignsender.definition.InvalidDefinitionException;
import com.campaignsender.gateway.Channel;
import com.campaignsender.gateway.ProviderRegistry;
import com.campaignsender.recipients.AddressRules;
import com.campaignsender.recipients.RecipientCsv;
import com.campaignsender.rights.UnsubscribeLinks;
import com.campaignsender.template.CompiledTemplates;
import com.campaignsender.template.TemplateCompiler;

/**
 * Everything that can be known wrong before the first message leaves: the provider account is
 * usable, the templates compile, the list has a header with the address column and every column
 * the templates read. Used by the {@code validate} step and, before launching, by the commands,
 * so that a refused campaign exits 2 having sent nothing.
 */
@Component
public class CampaignPreflight {

    private final DefinitionLoader loader;
    private final ProviderRegistry providers;
    private final TemplateCompiler templates;
    private final UnsubscribeLinks links;

    public CampaignPreflight(DefinitionLoader loader, ProviderRegistry providers, TemplateCompiler templates, UnsubscribeLinks links) {
        this.loader = loader;
        this.providers = providers;
        this.templates = templates;
        this.links = links;
    }

    /** A campaign that passed every check: its definition, the list it will read, and that list's header. */
    public record Checked(CampaignDefinition definition, Path recipients, List<String> header) {
    }

    /**
     * Loads a definition and checks it with its list: the definition's own, the command line's
     * ({@code override}), or the newest CSV in the definition's inbox folder.
     */
    public Checked check(Path definitionFile, Optional<Path> override) {
        CampaignDefinition definition = loader.load(definitionFile);
        Path recipients = recipientsFile(definition, override);
        return new Checked(definition, recipients, check(definition, recipients, CampaignFiles.DISK));
    }

    /** A recorded run's campaign as {@code files} hold it (its snapshot), with its list. */
    public Checked check(Path definitionFile, Path recipients, CampaignFiles files) {
        CampaignDefinition definition = loader.load(definitionFile, files);
        return new Checked(definition, recipients, check(definition, recipients, files));
    }

    /**
     * Answers the list's header, with the templates as {@code files} hold them (the disk, or a
     * run's snapshot); throws {@link InvalidDefinitionException} listing every problem found.
     */
    public List<String> check(CampaignDefinition definition, Path recipients, CampaignFiles files) {
        List<String> problems = new ArrayList<>(providers.account(definition.provider()).problems());
        Set<String> variables = Set.of();
        try {
            CompiledTemplates compiled = templates.compile(definition.template(), files);
            variables = compiled.variablesUsed();
            problems.addAll(unsubscribeProblems(definition, compiled, variables));
        }
        catch (InvalidDefinitionException ex) {
            problems.addAll(ex.problems());
        }
        List<String> header = header(definition, recipients, problems);
        if (header != null) {
            problems.addAll(headerProblems(definition, recipients, header, variables));
        }
        if (!problems.isEmpty()) {
            throw new InvalidDefinitionException(problems);
        }
        return header;
    }

    /**
     * {@code unsubscribe: true} promises a way out in every message: each body template must
     * show the link, and the service must know the address recipients reach it at. A template
     * may use the link without the promise, but not without that address.
     */
    private List<String> unsubscribeProblems(CampaignDefinition definition, CompiledTemplates compiled, Set<String> variables) {
        List<String> problems = new ArrayList<>();
        if (definition.unsubscribe()) {
            compiled.bodiesWithout(UnsubscribeLinks.VARIABLE).forEach(template -> problems.add(template
                    + ": does not use ${" + UnsubscribeLinks.VARIABLE + "}, which " + definition.file()
                    + " (unsubscribe: true) asks every message to carry"));
        }
        if ((definition.unsubscribe() || variables.contains(UnsubscribeLinks.VARIABLE)) && !links.configured()) {
            problems.add(definition.file() + ": " + (definition.unsubscribe() ? "unsubscribe: true" : "${" + UnsubscribeLinks.VARIABLE + "}")
                    + " needs campaign.server.public-url, the address recipients reach this service at"
                    + " (for example https://campaigns.example.com), to link to");
        }
        return problems;
    }

    private static List<String> header(CampaignDefinition definition, Path recipients, List<String> problems) {
        if (!Files.isRegularFile(recipients)) {
            problems.add(recipients + ": recipient list not found");
            return null;
        }
        try {
            Optional<String> unreadable = RecipientCsv.unreadable(recipients, definition.recipients().separator());
            if (unreadable.isPresent()) {
                problems.add(unreadable.get());
                return null;
            }
            try (RecipientCsv csv = RecipientCsv.open(recipients, definition.recipients().separator())) {
                return csv.header();
            }
        }
        catch (IOException ex) {
            problems.add(ex.getMessage().startsWith(recipients.toString()) ? ex.getMessage() : recipients + ": " + ex.getMessage());
            return null;
        }
    }

    private static List<String> headerProblems(CampaignDefinition definition, Path recipients, List<String> header,
            Set<String> variables) {
        List<String> problems = new ArrayList<>();
        if (!text(header)) {
            // Not a CSV list (a binary file, or a link to one): its first line is not repeated in a
            // message, a log or an inbox's failed/ folder, where it could show what it should not.
            problems.add(recipients + ": the first line is not text (control characters or bytes that are not UTF-8): "
                    + "a recipient list is a CSV file; nothing was sent");
            return problems;
        }
        Set<String> seen = new HashSet<>();
        header.stream().filter(name -> !seen.add(name))
                .forEach(name -> problems.add(recipients + ": header names column '" + name + "' twice"));
        String addressColumn = definition.recipients().addressColumn();
        if (!header.contains(addressColumn)) {
            problems.add(recipients + ": no column '" + addressColumn + "' (recipients.address-column) in header "
                    + header);
        }
        variables.stream().filter(name -> !header.contains(name) && !name.equals(UnsubscribeLinks.VARIABLE)
                        && !(name.equals(AddressRules.NAME_VARIABLE) && definition.channel() == Channel.EMAIL))
                .forEach(name -> problems.add(recipients + ": the templates use '" + name
                        + "', which is not a column of the list (columns: " + String.join(", ", header) + ")"));
        return problems;
    }

    /** Whether the header's names are text a person wrote: no control characters, nothing undecodable. */
    private static boolean text(List<String> header) {
        return header.stream().flatMapToInt(String::chars)
                .noneMatch(c -> (Character.isISOControl(c) && c != '\t') || c == '\uFFFD');
    }

    private static Path recipientsFile(CampaignDefinition definition, Optional<Path> override) {
        if (override.isPresent()) {
            return override.get();
        }
        if (definition.recipients().file().isPresent()) {
            return definition.recipients().file().get();
        }
        Path inbox = definition.recipients().inbox().orElseThrow();
        try (Stream<Path> files = Files.list(inbox)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".csv") && Files.isRegularFile(file))
                    .max(Comparator.comparing(CampaignPreflight::modified))
                    .orElseThrow(() -> new InvalidDefinitionException(List.of(inbox + ": no CSV file in the inbox")));
        }
        catch (IOException ex) {
            throw new InvalidDefinitionException(List.of(inbox + ": inbox folder cannot be read (" + ex.getMessage() + ")"));
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
