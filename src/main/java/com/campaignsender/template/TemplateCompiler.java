package com.campaignsender.template;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import freemarker.core.HTMLOutputFormat;
import freemarker.core.OutputFormat;
import freemarker.core.ParseException;
import freemarker.core.PlainTextOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.SimpleObjectWrapper;
import freemarker.template.Template;
import freemarker.template.TemplateExceptionHandler;

import org.springframework.stereotype.Component;

import com.campaignsender.definition.CampaignDefinition.Templates;
import com.campaignsender.definition.CampaignFiles;
import com.campaignsender.definition.InvalidDefinitionException;

/**
 * Compiles a campaign's templates. Recipient data is untrusted: html output escapes it, and a
 * template can reach no Java class ({@code ?new} and {@code ?api} are off, the object wrapper
 * exposes plain values only). A syntax error refuses the run with file, line and column.
 */
@Component
public class TemplateCompiler {

    private static final Configuration HTML = configuration(HTMLOutputFormat.INSTANCE);
    private static final Configuration PLAIN = configuration(PlainTextOutputFormat.INSTANCE);

    /** The templates as they are on disk now. */
    public CompiledTemplates compile(Templates templates) {
        return compile(templates, CampaignFiles.DISK);
    }

    /** The templates as {@code files} hold them: the disk, or a run's snapshot. */
    public CompiledTemplates compile(Templates templates, CampaignFiles files) {
        List<String> problems = new ArrayList<>();
        Template subject = compile(templates.subject(), PLAIN, files, problems);
        Template html = compile(templates.html(), HTML, files, problems);
        Template text = compile(templates.text(), PLAIN, files, problems);
        if (!problems.isEmpty()) {
            throw new InvalidDefinitionException(problems);
        }
        return new CompiledTemplates(subject, html, text);
    }

    private static Template compile(Optional<Path> file, Configuration configuration, CampaignFiles files,
            List<String> problems) {
        if (file.isEmpty()) {
            return null;
        }
        try (Reader reader = new InputStreamReader(new ByteArrayInputStream(files.read(file.get())), StandardCharsets.UTF_8)) {
            return new Template(file.get().toString(), reader, configuration);
        }
        catch (ParseException ex) {
            problems.add(file.get() + " line " + ex.getLineNumber() + ", column " + ex.getColumnNumber() + ": "
                    + ex.getEditorMessage());
        }
        catch (IOException ex) {
            problems.add(file.get() + ": cannot be read (" + ex.getMessage() + ")");
        }
        return null;
    }

    private static Configuration configuration(OutputFormat format) {
        Configuration configuration = new Configuration(Configuration.VERSION_2_3_34);
        configuration.setDefaultEncoding("UTF-8");
        configuration.setOutputFormat(format);
        configuration.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        configuration.setLogTemplateExceptions(false);
        configuration.setWrapUncheckedExceptions(true);
        configuration.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        configuration.setAPIBuiltinEnabled(false);
        configuration.setObjectWrapper(new SimpleObjectWrapper(Configuration.VERSION_2_3_34));
        return configuration;
    }
}
