package com.campaignsender.send;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import com.campaignsender.definition.CampaignDefinition;
import com.campaignsender.definition.InvalidDefinitionException;
import com.campaignsender.gateway.Gateways;
import com.campaignsender.recipients.RecipientCsv;
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

    private final Gateways gateways;
    private final TemplateCompiler templates;

    public CampaignPreflight(Gateways gateways, TemplateCompiler templates) {
        this.gateways = gateways;
        this.templates = templates;
    }

    /** Throws {@link InvalidDefinitionException} listing every problem found. */
    public void check(CampaignDefinition definition, Path recipients) {
        List<String> problems = new ArrayList<>(gateways.problems(definition.provider()));
        Set<String> variables = Set.of();
        try {
            CompiledTemplates compiled = templates.compile(definition.template());
            variables = compiled.variablesUsed();
        }
        catch (InvalidDefinitionException ex) {
            problems.addAll(ex.problems());
        }
        problems.addAll(listProblems(definition, recipients, variables));
        if (!problems.isEmpty()) {
            throw new InvalidDefinitionException(problems);
        }
    }

    private static List<String> listProblems(CampaignDefinition definition, Path recipients, Set<String> variables) {
        if (!Files.isRegularFile(recipients)) {
            return List.of(recipients + ": recipient list not found");
        }
        List<String> header;
        try (RecipientCsv csv = RecipientCsv.open(recipients)) {
            header = csv.header();
        }
        catch (IOException ex) {
            return List.of(recipients + ": " + ex.getMessage());
        }
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        header.stream().filter(name -> !seen.add(name))
                .forEach(name -> problems.add(recipients + ": header names column '" + name + "' twice"));
        String addressColumn = definition.recipients().addressColumn();
        if (!header.contains(addressColumn)) {
            problems.add(recipients + ": no column '" + addressColumn + "' (recipients.address-column) in header "
                    + header);
        }
        variables.stream().filter(name -> !header.contains(name))
                .forEach(name -> problems.add(recipients + ": the templates use '" + name
                        + "', which is not a column of the list (columns: " + String.join(", ", header) + ")"));
        return problems;
    }
}
