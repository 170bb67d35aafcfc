package com.campaignsender.serve;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.campaignsender.report.HtmlTemplates;

/** A server-rendered page as a response: the operators' pages and the recipients' unsubscribe page alike. */
final class HtmlPages {

    private HtmlPages() {
    }

    static ResponseEntity<String> page(HttpStatus status, String template, Map<String, ?> model) throws IOException {
        StringWriter html = new StringWriter();
        HtmlTemplates.render(template, model, html);
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .body(html.toString());
    }
}
