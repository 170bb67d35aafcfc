package com.campaignsender.definition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.campaignsender.gateway.TestProviders;
import org.junit.jupiter.api.io.TempDir;

import com.campaignsender.gateway.Channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DefinitionLoaderTests {

    private final DefinitionLoader loader = new DefinitionLoader(TestProviders.registry());

    @TempDir
    Path dir;

    private Path job(String yaml) throws IOException {
        Files.writeString(dir.resolve("subject.ftl"), "Hi ${name}");
        Files.writeString(dir.resolve("body.html.ftl"), "<p>Hi ${name}</p>");
        Files.writeString(dir.resolve("text.ftl"), "Hi ${name}");
        Path file = dir.resolve("job.yml");
        Files.writeString(file, yaml);
        return file;
    }

    private static final String EMAIL_JOB = """
            name: welcome-email
            channel: email
            provider: voipbin
            sender: { address: "news@example.com", name: "Example News" }
            recipients: { file: list.csv, address-column: email }
            template: { subject: subject.ftl, html: body.html.ftl }
            """;

    @Test
    void readsTheSampleJobsOfTheRepository() {
        CampaignDefinition email = loader.load(Path.of("jobs/welcome-email.yml"));
        assertThat(email.name()).isEqualTo("welcome-email");
        assertThat(email.channel()).isEqualTo(Channel.EMAIL);
        assertThat(email.template().html()).get().satisfies(path -> assertThat(path).exists());

        CampaignDefinition sms = loader.load(Path.of("jobs/reminder-sms.yml"));
        assertThat(sms.channel()).isEqualTo(Channel.SMS);
        assertThat(sms.recipients().defaultRegion()).isEqualTo("US");
        assertThat(sms.recipients().addressColumn()).isEqualTo("phone");
    }

    @Test
    void readsInfobipCopiesAttachmentsAndProviderFields() {
        CampaignDefinition newsletter = loader.load(Path.of("jobs/newsletter-infobip.yml"));
        assertThat(newsletter.provider()).isEqualTo("infobip");
        assertThat(newsletter.bcc()).containsExactly("archive@example.com");
        assertThat(newsletter.attachments()).singleElement().satisfies(file -> assertThat(file).hasFileName("guide.pdf"));
        assertThat(newsletter.providerFields())
                .containsEntry("track", "true").containsEntry("trackOpens", "true").containsEntry("trackClicks", "false");
    }

    @Test
    void resolvesPathsBesideTheJobFileAndAppliesDefaults() throws IOException {
        CampaignDefinition definition = loader.load(job(EMAIL_JOB));
        assertThat(definition.template().subject()).contains(dir.resolve("subject.ftl").toAbsolutePath());
        assertThat(definition.limits().rate()).isEqualTo(Rate.parse("50/s"));
        assertThat(definition.limits().chunk()).isEqualTo(100);
        assertThat(definition.limits().maxAttempts()).isEqualTo(5);
        assertThat(definition.limits().errorThreshold()).isEqualTo(0.2);
        assertThat(definition.limits().outageTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(definition.reconcile().pollInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(definition.reconcile().timeout()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void readsLimitsScheduleAndReconcileSettings() throws IOException {
        CampaignDefinition definition = loader.load(job(EMAIL_JOB + """
                schedule: { cron: "0 0 9 * * MON-FRI", zone: Europe/Amsterdam }
                limits: { rate: 3000/m, burst: 10, concurrency: 4, chunk: 25, max-attempts: 3, error-threshold: 0.5,
                          outage-timeout: 5m }
                reconcile: { poll-interval: 500ms, timeout: 1h }
                """));
        assertThat(definition.limits().outageTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(definition.limits().rate()).isEqualTo(new Rate(3000, Duration.ofMinutes(1)));
        assertThat(definition.limits().concurrency()).isEqualTo(4);
        assertThat(definition.limits().errorThreshold()).isEqualTo(0.5);
        assertThat(definition.schedule()).get().satisfies(schedule -> {
            assertThat(schedule.zone().getId()).isEqualTo("Europe/Amsterdam");
            assertThat(schedule.grace()).isEqualTo(Duration.ofHours(1));
        });
        assertThat(definition.reconcile().pollInterval()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void htmlAndTextTogetherForVoipbinEmailSendTheHtmlAndSaySo() throws IOException {
        CampaignDefinition definition = loader.load(job(EMAIL_JOB.replace("html: body.html.ftl",
                "html: body.html.ftl, text: text.ftl")));
        assertThat(definition.notes()).contains(
                "template.text: voipbin email carries one content field: the html is sent, the text template is not");
        assertThat(loader.load(job(EMAIL_JOB)).notes()).containsExactly(
                "sender: voipbin email goes from the account's own default source; the campaign's sender is not carried");
    }

    @Test
    void aNamedAccountIsSentThroughAsItsProviderCarries() throws IOException {
        DefinitionLoader named = new DefinitionLoader(TestProviders.registry(Map.of(
                "campaign.providers.infobip-eu.type", "infobip"), URI.create("http://127.0.0.1:9")));
        CampaignDefinition definition = named.load(job(EMAIL_JOB.replace("provider: voipbin", "provider: infobip-eu") + """
                cc: [audit@example.com]
                infobip: { track: true }
                """));
        assertThat(definition.provider()).isEqualTo("infobip-eu");
        assertThat(definition.providerFields()).containsEntry("track", "true");
        assertThat(definition.notes()).isEmpty();
        assertThatThrownBy(() -> named.load(job(EMAIL_JOB.replace("provider: voipbin", "provider: infobip-us"))))
                .hasMessageContaining("provider: 'infobip-us' is not a provider account; configured: infobip-eu, infobip, smtp, voipbin");
    }

    @Nested
    class Refuses {

        @Test
        void listingEveryProblemWithFileAndField() throws IOException {
            Path file = job("""
                    name: Welcome Email
                    channel: fax
                    provider: voipbin
                    sender: { address: "news@example.com" }
                    recipients: { file: list.csv }
                    template: { subject: subject.ftl, html: body.html.ftl }
                    limits: { rate: fast, chunk: 0, outage-timeout: soon }
                    """);
            assertThatThrownBy(() -> loader.load(file))
                    .isInstanceOfSatisfying(InvalidDefinitionException.class, ex -> assertThat(ex.problems())
                            .containsExactlyInAnyOrder(
                                    file + ": name: 'Welcome Email' may hold only a-z, 0-9 and '-'",
                                    file + ": channel: 'fax' is not one of email, sms",
                                    file + ": limits.rate: 'fast' is not a rate like 50/s, 3000/m or 100000/h",
                                    file + ": limits.chunk: must be at least 1, was 0",
                                    file + ": limits.outage-timeout: 'soon' is not a duration like 500ms, 5s, 10m or 1h"));
        }

        @Test
        void aMisspeltField() throws IOException {
            Path file = job(EMAIL_JOB + "limits: { rate: 5/s, concurency: 4 }\n");
            assertThatThrownBy(() -> loader.load(file)).hasMessageContaining("limits.concurency: unknown field"
                    + " (did you mean concurrency? known here: burst, chunk, concurrency, error-threshold, max-attempts,"
                    + " outage-timeout, rate)");
        }

        @Test
        void aMisspeltTopLevelFieldGetsTheNearestSuggestedAndNoGuessWhereNoneIsNear() throws IOException {
            Path misspelt = job(EMAIL_JOB.replace("channel:", "chanel:"));
            assertThatThrownBy(() -> loader.load(misspelt)).hasMessageContaining("chanel: unknown field (did you mean channel? known here: attachments, bcc, cc, channel,");
            Path foreign = job(EMAIL_JOB + "priority: high\n");
            assertThatThrownBy(() -> loader.load(foreign)).hasMessageContaining("priority: unknown field (known here: attachments,");
        }

        @Test
        void aTemplateFileThatDoesNotExist() throws IOException {
            Path file = job(EMAIL_JOB.replace("body.html.ftl", "missing.html.ftl"));
            assertThatThrownBy(() -> loader.load(file)).hasMessageContaining("template.html: file not found: ");
        }

        @Test
        void anSmsSenderThatIsNotE164() throws IOException {
            Path file = job("""
                    name: reminder
                    channel: sms
                    provider: voipbin
                    sender: { address: "555-1234" }
                    recipients: { file: list.csv, default-region: XX }
                    template: { text: text.ftl }
                    """);
            assertThatThrownBy(() -> loader.load(file))
                    .hasMessageContaining("sender.address: '555-1234' is not an E.164 number")
                    .hasMessageContaining("recipients.default-region: 'XX' is not a region code");
        }

        @Test
        void anSmsWithAnHtmlTemplate() throws IOException {
            Path file = job("""
                    name: reminder
                    channel: sms
                    provider: voipbin
                    sender: { address: "+15551234567" }
                    recipients: { file: list.csv }
                    template: { html: body.html.ftl }
                    """);
            assertThatThrownBy(() -> loader.load(file))
                    .hasMessageContaining("template.html: an sms has a text template only")
                    .hasMessageContaining("template.text: is required for an sms campaign");
        }

        @Test
        void missingRequiredSections() throws IOException {
            Path file = job("name: bare\nchannel: email\nprovider: voipbin\n");
            assertThatThrownBy(() -> loader.load(file))
                    .hasMessageContaining("sender: is required")
                    .hasMessageContaining("recipients: is required")
                    .hasMessageContaining("template: is required");
        }

        @Test
        void yamlThatDoesNotParse() throws IOException {
            Path file = job("name: [unclosed\n");
            assertThatThrownBy(() -> loader.load(file)).hasMessageStartingWith(file + ": not valid YAML");
        }

        @Test
        void fieldsTheProviderCannotCarry() throws IOException {
            Path file = job(EMAIL_JOB + """
                    cc: [audit@example.com]
                    attachments: [subject.ftl]
                    infobip: { track: true }
                    """);
            assertThatThrownBy(() -> loader.load(file))
                    .hasMessageContaining("cc: voipbin email cannot carry cc; send through an account whose provider carries copies")
                    .hasMessageContaining("attachments: voipbin email carries no attachment files")
                    .hasMessageContaining("infobip: applies to infobip accounts only");
        }

        /** Each attachment is stored with every run that sends it (its snapshot): 10 MB at most, named at validate. */
        @Test
        void anAttachmentOverTheLimit() throws IOException {
            Files.write(dir.resolve("huge.pdf"), new byte[(int) DefinitionLoader.MAX_ATTACHMENT_BYTES + 1]);
            Files.write(dir.resolve("small.pdf"), new byte[1024]);
            Path file = job(EMAIL_JOB.replace("provider: voipbin", "provider: infobip") + """
                    attachments: [huge.pdf, small.pdf]
                    """);
            assertThatThrownBy(() -> loader.load(file)).isInstanceOfSatisfying(InvalidDefinitionException.class,
                    ex -> assertThat(ex.problems()).singleElement().asString().contains("huge.pdf has 10 MB; an attachment may have"
                            + " 10 MB at most"));
        }

        @Test
        void unknownOrMalformedInfobipFields() throws IOException {
            Path file = job(EMAIL_JOB.replace("provider: voipbin", "provider: infobip") + """
                    bcc: [not-an-address]
                    infobip: { track: yes-please, ip-pool: 7 }
                    """);
            assertThatThrownBy(() -> loader.load(file))
                    .hasMessageContaining("bcc: 'not-an-address' is not an email address")
                    .hasMessageContaining("infobip.track: 'yes-please' is not true or false")
                    .hasMessageContaining("infobip.ip-pool: unknown field");
        }

        @Test
        void infobipForSms() throws IOException {
            Path file = job("""
                    name: reminder
                    channel: sms
                    provider: infobip
                    sender: { address: "+15551234567", name: Clinic }
                    recipients: { file: list.csv }
                    template: { text: text.ftl }
                    """);
            assertThatThrownBy(() -> loader.load(file))
                    .hasMessageContaining("provider: the infobip account (infobip) sends [email] only, not sms")
                    .hasMessageContaining("sender.name: an sms carries no sender name");
        }

        @Test
        void aBadCron() throws IOException {
            Path file = job(EMAIL_JOB + "schedule: { cron: \"every day\" }\n");
            assertThatThrownBy(() -> loader.load(file)).hasMessageContaining("schedule.cron: 'every day' is not a six-field cron");
        }
    }
}
