package com.campaignsender.report;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Where report folders go ({@code campaign.reports.dir}). */
@ConfigurationProperties("campaign.reports")
public record ReportSettings(@DefaultValue("reports") Path dir) {
}
