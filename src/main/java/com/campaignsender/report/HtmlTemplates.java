package com.campaignsender.report;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;

import freemarker.core.HTMLOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;

/**
 * The HTML pages people read (the run report, the service's web page), from the FreeMarker
 * templates under {@code src/main/resources/html}. The HTML output format escapes every value a
 * template shows, so nothing from a list, a provider or an uploader becomes markup.
 */
public final class HtmlTemplates {

    private static final Configuration FREEMARKER = configuration();

    private HtmlTemplates() {
    }

    public static void render(String template, Map<String, ?> model, Writer out) throws IOException {
        try {
            FREEMARKER.getTemplate(template).process(model, out);
        }
        catch (TemplateException ex) {
            throw new IllegalStateException("the page template " + template + " failed: " + ex.getMessage(), ex);
        }
    }

    private static Configuration configuration() {
        Configuration configuration = new Configuration(Configuration.VERSION_2_3_34);
        configuration.setClassForTemplateLoading(HtmlTemplates.class, "/html");
        configuration.setDefaultEncoding("UTF-8");
        configuration.setOutputEncoding("UTF-8");
        configuration.setURLEscapingCharset("UTF-8");
        configuration.setOutputFormat(HTMLOutputFormat.INSTANCE);
        configuration.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        configuration.setLogTemplateExceptions(false);
        configuration.setNumberFormat("0.##");
        return configuration;
    }
}
