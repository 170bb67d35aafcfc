package com.campaignsender.template;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import freemarker.template.SimpleScalar;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateHashModel;
import freemarker.template.TemplateModel;

/**
 * A campaign's templates, compiled once per run and rendered once per recipient. The data model
 * of a recipient is the row of its list: every column is a variable named after its header,
 * with the variables the product makes per recipient (its unsubscribe link) beside them.
 */
public class CompiledTemplates {

    private final Template subject;
    private final Template html;
    private final Template text;

    CompiledTemplates(Template subject, Template html, Template text) {
        this.subject = subject;
        this.html = html;
        this.text = text;
    }

    /**
     * Renders one recipient. An empty cell is a missing variable, not an empty string: a message
     * that reads "Dear ," is refused for that row (the template can say {@code ${name!"reader"}}
     * or test {@code name?has_content} where a column may be empty).
     */
    public RenderedMessage render(Map<String, String> fields, Map<String, String> productVariables) throws RenderException {
        Map<String, String> model = new HashMap<>();
        fields.forEach((column, value) -> {
            if (value != null && !value.isBlank()) {
                model.put(column, value);
            }
        });
        // The product's own win over a column of the same name: a list cannot replace a recipient's link.
        model.putAll(productVariables);
        // The subject file's own last line break is not part of the subject.
        String renderedSubject = subject == null ? null : render(subject, model).strip();
        if (renderedSubject != null && (renderedSubject.indexOf('\r') >= 0 || renderedSubject.indexOf('\n') >= 0)) {
            // A line break in a subject starts a header of its own in the message a relay writes
            // (Bcc: half the list): a value of the row is not let do that.
            throw new RenderException("the subject holds a line break (CR or LF), from the row's values or the subject template: a subject is one line",
                    null);
        }
        return new RenderedMessage(renderedSubject, render(html, model), render(text, model));
    }

    /**
     * The variables the templates read, found by rendering them once against a model that notes
     * every name asked for: FreeMarker has no API that lists a template's variables.
     */
    public Set<String> variablesUsed() {
        Set<String> names = new LinkedHashSet<>();
        for (Template template : new Template[] { subject, html, text }) {
            names.addAll(variablesOf(template));
        }
        return names;
    }

    /** The body templates (html, text) that do not read {@code variable}, by file name. */
    public List<String> bodiesWithout(String variable) {
        return Stream.of(html, text).filter(template -> template != null && !variablesOf(template).contains(variable))
                .map(Template::getName).toList();
    }

    private static Set<String> variablesOf(Template template) {
        Set<String> names = new LinkedHashSet<>();
        if (template == null) {
            return names;
        }
        TemplateHashModel recorder = new TemplateHashModel() {
            @Override
            public TemplateModel get(String key) {
                names.add(key);
                return new SimpleScalar("sample");
            }

            @Override
            public boolean isEmpty() {
                return false;
            }
        };
        try {
            template.process(recorder, Writer.nullWriter());
        }
        catch (TemplateException | IOException ex) {
            // A sample value of the wrong kind stops this template early; the names seen so far stand.
        }
        return names;
    }

    private static String render(Template template, Map<String, String> fields) throws RenderException {
        if (template == null) {
            return null;
        }
        StringWriter out = new StringWriter();
        try {
            template.process(fields, out);
            return out.toString();
        }
        catch (TemplateException ex) {
            String what = ex.getBlamedExpressionString() != null
                    ? "variable '" + ex.getBlamedExpressionString() + "' is missing (an empty cell) or of the wrong kind"
                    : ex.getMessageWithoutStackTop().lines().findFirst().orElse("render error");
            throw new RenderException("template " + template.getName() + " line " + ex.getLineNumber() + ": " + what, ex);
        }
        catch (IOException ex) {
            throw new RenderException("template " + template.getName() + ": " + ex.getMessage(), ex);
        }
    }
}
