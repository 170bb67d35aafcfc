package com.campaignsender.template;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.campaignsender.template.SmsSegments.Count;
import com.campaignsender.template.SmsSegments.Encoding;

import static org.assertj.core.api.Assertions.assertThat;

class SmsSegmentsTests {

    @Nested
    class Gsm7 {

        @ParameterizedTest
        @CsvSource({ "1, 1", "160, 1", "161, 2", "306, 2", "307, 3", "459, 3", "460, 4" })
        void fits160AloneAnd153PerPart(int length, int segments) {
            assertThat(SmsSegments.count("a".repeat(length))).isEqualTo(new Count(Encoding.GSM_7, length, segments));
        }

        @Test
        void keepsAccentedLettersOfTheGsmAlphabetInGsm7() {
            assertThat(SmsSegments.count("Café à Zürich, Ñandù £5 @ 10:00").encoding()).isEqualTo(Encoding.GSM_7);
        }

        @Test
        void countsExtensionCharactersTwice() {
            assertThat(SmsSegments.count("€").units()).isEqualTo(2);
            assertThat(SmsSegments.count("^{}\\[~]|€").units()).isEqualTo(18);
            assertThat(SmsSegments.count("€".repeat(80))).isEqualTo(new Count(Encoding.GSM_7, 160, 1));
            assertThat(SmsSegments.count("€".repeat(80) + "a")).isEqualTo(new Count(Encoding.GSM_7, 161, 2));
        }
    }

    @Nested
    class Ucs2 {

        @ParameterizedTest
        @CsvSource({ "70, 1", "71, 2", "134, 2", "135, 3" })
        void fits70AloneAnd67PerPart(int length, int segments) {
            assertThat(SmsSegments.count("ł".repeat(length))).isEqualTo(new Count(Encoding.UCS_2, length, segments));
        }

        @Test
        void oneCharacterOutsideGsm7MakesTheWholeTextUcs2() {
            assertThat(SmsSegments.count("a".repeat(100) + "ć")).isEqualTo(new Count(Encoding.UCS_2, 101, 2));
        }

        @Test
        void countsCharactersBeyondTheBasicMultilingualPlaneTwice() {
            assertThat(SmsSegments.count("😀").units()).isEqualTo(2);
            assertThat(SmsSegments.count("😀".repeat(35))).isEqualTo(new Count(Encoding.UCS_2, 70, 1));
            assertThat(SmsSegments.count("😀".repeat(35) + "a")).isEqualTo(new Count(Encoding.UCS_2, 71, 2));
        }
    }
}
