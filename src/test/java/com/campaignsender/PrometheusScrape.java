package com.campaignsender;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What a test reads of an {@code /actuator/prometheus} scrape. */
public final class PrometheusScrape {

    private PrometheusScrape() {
    }

    /** The value of one series, named with its tags as the scrape writes them; the series must be there. */
    public static double value(String scrape, String series) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        assertThat(line.find()).as("%s in the scrape", series).isTrue();
        return Double.parseDouble(line.group(1));
    }
}
