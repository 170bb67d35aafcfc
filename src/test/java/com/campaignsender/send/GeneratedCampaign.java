package com.campaignsender.send;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A VoIPBIN email campaign written for a test: {@code rows} recipients
 * {@code <prefix><row>@<domain>}, a subject and html template that use the name column, and the
 * limits and reconcile settings the test needs.
 */
public final class GeneratedCampaign {

    private GeneratedCampaign() {
    }

    public static Path write(Path dir, String name, String prefix, String domain, int rows, String limits, String reconcile)
            throws IOException {
        StringBuilder list = new StringBuilder("email,name\n");
        for (int row = 1; row <= rows; row++) {
            list.append(prefix).append(row).append('@').append(domain).append(",Reader ").append(row).append('\n');
        }
        Files.writeString(dir.resolve(name + ".csv"), list);
        Files.writeString(dir.resolve("subject.ftl"), "News for ${name}");
        Files.writeString(dir.resolve("body.html.ftl"), "<p>Hello ${name}</p>");
        return Files.writeString(dir.resolve(name + ".yml"), String.join("\n", List.of(
                "name: " + name,
                "channel: email",
                "provider: voipbin",
                "sender: { address: news@example.com, name: Example News }",
                "recipients: { file: " + name + ".csv }",
                "template: { subject: subject.ftl, html: body.html.ftl }",
                "limits: " + limits,
                "reconcile: " + reconcile)));
    }
}
