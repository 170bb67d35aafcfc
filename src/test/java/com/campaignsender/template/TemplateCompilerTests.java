package com.campaignsender.template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.campaignsender.definition.CampaignDefinition.Templates;
import com.campaignsender.definition.InvalidDefinitionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateCompilerTests {

    private final TemplateCompiler compiler = new TemplateCompiler();

    @TempDir
    Path dir;

    private Optional<Path> file(String name, String content) throws IOException {
        return Optional.of(Files.writeString(dir.resolve(name), content));
    }

    /** A name of "Ann\r\nBcc: everyone@example.com" would add a header to the message a relay writes. */
    @Test
    void aSubjectWithALineBreakFromTheRowIsRefusedForThatRow() throws Exception {
        CompiledTemplates templates = compiler.compile(new Templates(file("s.ftl", "Hi ${name}"),
                Optional.empty(), file("t.ftl", "Hello ${name}")));

        assertThatThrownBy(() -> templates.render(Map.of("name", "Ann\r\nBcc: everyone@example.com"), Map.of()))
                .isInstanceOf(RenderException.class).hasMessageContaining("the subject holds a line break");
        assertThatThrownBy(() -> templates.render(Map.of("name", "Ann\nX"), Map.of())).isInstanceOf(RenderException.class);
        assertThat(templates.render(Map.of("name", "Ann"), Map.of()).subject()).isEqualTo("Hi Ann");
        CompiledTemplates bodyOnly = compiler.compile(new Templates(file("s2.ftl", "Hi"), Optional.empty(),
                file("t2.ftl", "Hello ${name}")));
        assertThat(bodyOnly.render(Map.of("name", "Ann\nX"), Map.of()).text()).as("a body has lines").isEqualTo("Hello Ann\nX");
    }

    @Test
    void rendersEachRecipientsColumns() throws Exception {
        CompiledTemplates templates = compiler.compile(new Templates(file("s.ftl", "Hi ${first_name}"),
                Optional.empty(), file("t.ftl", "Your plan: ${plan}")));
        RenderedMessage message = templates.render(Map.of("first_name", "Ann", "plan", "Plus"), Map.of());
        assertThat(message.subject()).isEqualTo("Hi Ann");
        assertThat(message.text()).isEqualTo("Your plan: Plus");
        assertThat(message.html()).isNull();
    }

    @Test
    void escapesRecipientDataInHtmlButNotInText() throws Exception {
        CompiledTemplates templates = compiler.compile(new Templates(file("s.ftl", "Hi ${name}"),
                file("b.html.ftl", "<p>Hi ${name}</p>"), Optional.empty()));
        RenderedMessage message = templates.render(Map.of("name", "<script>alert(1)</script> & co"), Map.of());
        assertThat(message.html()).isEqualTo("<p>Hi &lt;script&gt;alert(1)&lt;/script&gt; &amp; co</p>");
        assertThat(message.subject()).isEqualTo("Hi <script>alert(1)</script> & co");
    }

    @Test
    void refusesASyntaxErrorWithFileLineAndColumn() throws IOException {
        Optional<Path> broken = file("broken.ftl", "Hello\n<#if name>unclosed");
        assertThatThrownBy(() -> compiler.compile(new Templates(broken, Optional.empty(), Optional.empty())))
                .isInstanceOfSatisfying(InvalidDefinitionException.class, ex -> assertThat(ex.problems())
                        .singleElement().asString().startsWith(broken.get() + " line 2, column "));
    }

    @Test
    void namesTheVariableAMissingColumnLeavesEmpty() throws Exception {
        CompiledTemplates templates = compiler.compile(new Templates(file("s.ftl", "Hi\n${first_name}"),
                Optional.empty(), Optional.empty()));
        assertThatThrownBy(() -> templates.render(Map.of("name", "Ann"), Map.of()))
                .isInstanceOf(RenderException.class)
                .hasMessage("template " + dir.resolve("s.ftl") + " line 2: variable 'first_name' is missing (an empty cell) or of the wrong kind");
    }

    @Test
    void takesAnEmptyCellAsAMissingVariableButLetsTheTemplateGiveADefault() throws Exception {
        CompiledTemplates strict = compiler.compile(new Templates(file("s.ftl", "Dear ${name},"), Optional.empty(), Optional.empty()));
        CompiledTemplates lenient = compiler.compile(new Templates(file("l.ftl", "Dear ${name!\"reader\"},"), Optional.empty(),
                Optional.empty()));
        assertThatThrownBy(() -> strict.render(Map.of("name", " "), Map.of())).hasMessageContaining("variable 'name' is missing");
        assertThat(lenient.render(Map.of("name", ""), Map.of()).subject()).isEqualTo("Dear reader,");
    }

    @Test
    void listsTheVariablesTheTemplatesRead() throws Exception {
        CompiledTemplates templates = compiler.compile(new Templates(file("s.ftl", "Hi ${first_name}"),
                file("b.html.ftl", "<#if city?has_content>${city}</#if> ${plan?upper_case}"), Optional.empty()));
        assertThat(templates.variablesUsed()).containsExactlyInAnyOrder("first_name", "city", "plan");
    }

    @Test
    void givesTemplatesNoWayToJavaClasses() throws Exception {
        CompiledTemplates templates = compiler.compile(new Templates(
                file("evil.ftl", "<#assign ex = \"freemarker.template.utility.Execute\"?new()>${ex(\"id\")}"),
                Optional.empty(), Optional.empty()));
        assertThatThrownBy(() -> templates.render(Map.of(), Map.of())).isInstanceOf(RenderException.class);
    }
}
