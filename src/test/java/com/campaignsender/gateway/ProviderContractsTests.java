package com.campaignsender.gateway;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contracts can fail: each rule below refuses a body that breaks it, and a body that keeps them all passes. */
class ProviderContractsTests {

    private static final String EMAIL = """
            {"destinations": [{"type": "email", "target": "john@example.com"}],
             "subject": "Spring sale", "content": "<p>Hello</p>", "attachments": []}""";

    @Test
    void aVoipbinEmailKeepingTheContractPasses() {
        ProviderContracts.assertVoipbinEmail(EMAIL);
        ProviderContracts.assertVoipbinEmail("""
                {"destinations": [{"type": "email", "target": "john@example.com", "target_name": "John"}],
                 "subject": "", "content": "",
                 "attachments": [{"reference_type": "recording", "reference_id": "7b1c2f9e-5d1a-4c3b-9e8f-0a1b2c3d4e5f"}]}""");
    }

    @Test
    void aVoipbinEmailHasNoSource() {
        String withSource = EMAIL.replace("{\"destinations\"",
                "{\"source\": {\"type\": \"email\", \"target\": \"news@example.com\"}, \"destinations\"");

        assertThat(ProviderContracts.voipbinEmailProblems(withSource)).singleElement().asString().contains("source");
        assertThatThrownBy(() -> ProviderContracts.assertVoipbinEmail(withSource))
                .isInstanceOf(AssertionError.class).hasMessageContaining("source");
    }

    @Test
    void aVoipbinEmailCarriesAttachmentsEvenWhenEmpty() {
        assertThat(ProviderContracts.voipbinEmailProblems(EMAIL.replace(", \"attachments\": []", "")))
                .singleElement().asString().contains("attachments");
    }

    @Test
    void aVoipbinEmailGoesToEmailAddressesOnly() {
        assertThat(ProviderContracts.voipbinEmailProblems(EMAIL.replace("\"type\": \"email\"", "\"type\": \"tel\""))).isNotEmpty();
        assertThat(ProviderContracts.voipbinEmailProblems(EMAIL.replace("john@example.com", ""))).isNotEmpty();
        assertThat(ProviderContracts.voipbinEmailProblems(EMAIL.replace("\"destinations\": [{\"type\": \"email\", \"target\": \"john@example.com\"}]",
                "\"destinations\": []"))).isNotEmpty();
        assertThat(ProviderContracts.voipbinEmailProblems("not json")).singleElement().asString().contains("not JSON");
    }

    private static final String SMS = """
            {"source": {"type": "tel", "target": "+15550100"},
             "destinations": [{"type": "tel", "target": "+447700900123"}], "text": "Hello"}""";

    @Test
    void aVoipbinMessageKeepingTheContractPasses() {
        ProviderContracts.assertVoipbinMessage(SMS);
    }

    @Test
    void aVoipbinMessageGoesFromAndToE164Numbers() {
        assertThat(ProviderContracts.voipbinMessageProblems(SMS.replace("+447700900123", "07700 900123")))
                .singleElement().asString().contains("destinations");
        assertThatThrownBy(() -> ProviderContracts.assertVoipbinMessage(SMS.replace("+447700900123", "+44-7700-900123")))
                .isInstanceOf(AssertionError.class);
        assertThat(ProviderContracts.voipbinMessageProblems(SMS.replace("+15550100", "15550100"))).isNotEmpty();
        assertThat(ProviderContracts.voipbinMessageProblems(SMS.replace("\"Hello\"", "\"\""))).isNotEmpty();
        assertThat(ProviderContracts.voipbinMessageProblems(SMS.replace(", \"text\": \"Hello\"", ""))).isNotEmpty();
    }

    private static Map<String, List<String>> infobipForm() {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put("from", List.of("Jane Smith <jane@example.com>"));
        fields.put("to", List.of("{\"to\": \"john@example.com\", \"messageId\": \"c-42-r-1\"}", "alice@example.com"));
        fields.put("cc", List.of("juliet@example.com"));
        fields.put("subject", List.of("Spring sale"));
        fields.put("text", List.of("Hello"));
        fields.put("html", List.of("<p>Hello</p>"));
        fields.put("bulkId", List.of("c-42-run-7"));
        fields.put("headers", List.of("{\"List-Unsubscribe\": \"<https://example.com/u/abc>\", "
                + "\"List-Unsubscribe-Post\": \"List-Unsubscribe=One-Click\"}"));
        fields.put("attachment", List.of("terms.pdf", "price-list.pdf"));
        return fields;
    }

    private static Map<String, List<String>> infobipForm(String name, List<String> values) {
        Map<String, List<String>> fields = infobipForm();
        fields.put(name, values);
        return fields;
    }

    @Test
    void anInfobipFormKeepingTheContractPasses() {
        ProviderContracts.assertInfobipSend(infobipForm());
        ProviderContracts.assertInfobipSend(Map.of("to", List.of("john@example.com"), "templateId", List.of("123")));
        String inTenDays = OffsetDateTime.now().plusDays(10).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ"));
        ProviderContracts.assertInfobipSend(infobipForm("sendAt", List.of(inTenDays)));
    }

    @Test
    void anInfobipSubjectHasAtMost1000Characters() {
        ProviderContracts.assertInfobipSend(infobipForm("subject", List.of("s".repeat(1000))));

        assertThat(ProviderContracts.infobipSendProblems(infobipForm("subject", List.of("s".repeat(1001)))))
                .singleElement().asString().contains("subject");
        assertThat(ProviderContracts.infobipSendProblems(infobipForm("subject", List.of("")))).isNotEmpty();
    }

    @Test
    void anInfobipHeadersFieldCannotSetFrom() {
        assertThat(ProviderContracts.infobipSendProblems(infobipForm("headers", List.of("{\"From\": \"boss@example.com\"}"))))
                .singleElement().asString().contains("from");
        assertThat(ProviderContracts.infobipSendProblems(infobipForm("headers", List.of("{\"return-path\": \"<b@example.com>\"}"))))
                .isNotEmpty();
        assertThat(ProviderContracts.infobipSendProblems(infobipForm("headers", List.of("List-Unsubscribe: <https://x>"))))
                .singleElement().asString().contains("not JSON");
        assertThat(ProviderContracts.infobipSendProblems(infobipForm("headers", List.of("[\"List-Unsubscribe\"]")))).isNotEmpty();
    }

    @Test
    void anInfobipRequestHasAtMost1000RecipientsOverToCcAndBcc() {
        ProviderContracts.assertInfobipSend(infobipForm("to", Collections.nCopies(999, "john@example.com")));

        assertThat(ProviderContracts.infobipSendProblems(infobipForm("to", Collections.nCopies(1000, "john@example.com"))))
                .singleElement().asString().contains("1001 recipients");
    }

    @Test
    void anInfobipFormHasOnlyTheContractsFields() {
        assertThat(ProviderContracts.infobipSendProblems(infobipForm("fromName", List.of("Jane Smith"))))
                .singleElement().asString().contains("fromName");
        assertThat(ProviderContracts.infobipSendProblems(infobipForm("subject", List.of("One", "Two")))).isNotEmpty();
    }

    @Test
    void anInfobipFormKeepsItsOtherLimits() {
        Map<String, List<String>> noTo = infobipForm();
        noTo.remove("to");
        assertThat(ProviderContracts.infobipSendProblems(noTo)).isNotEmpty();
        Map<String, List<String>> noSubject = infobipForm();
        noSubject.remove("subject");
        assertThat(ProviderContracts.infobipSendProblems(noSubject)).isNotEmpty();
        assertThat(ProviderContracts.infobipSendProblems(infobipForm("callbackData", List.of("c".repeat(4001))))).isNotEmpty();
        assertThat(ProviderContracts.infobipSendProblems(infobipForm("notifyContentType", List.of("text/plain")))).isNotEmpty();
        assertThat(ProviderContracts.infobipSendProblems(infobipForm("to", List.of("{\"to\": \"john@example.com\", \"name\": \"John\"}"))))
                .isNotEmpty();
        assertThat(ProviderContracts.infobipSendProblems(infobipForm("to", List.of("{\"to\": \"john@example.com\"")))).isNotEmpty();
        assertThat(ProviderContracts.infobipSendProblems(infobipForm("to", List.of("John <john@example.com>")))).isNotEmpty();
        String in31Days = OffsetDateTime.now().plusDays(31).toString();
        assertThat(ProviderContracts.infobipSendProblems(infobipForm("sendAt", List.of(in31Days))))
                .singleElement().asString().contains("30 days");
    }
}
