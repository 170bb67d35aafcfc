package com.campaignsender.template;

/**
 * How many SMS segments a text costs (providers.md): GSM-7 when every character is in the GSM
 * 03.38 alphabet (160 in one segment, 153 per segment when split; the extension characters
 * {@code ^ { } \ [ ~ ] | €} and form feed take two), otherwise UCS-2 (70 in one segment, 67 per
 * segment; a character beyond the Basic Multilingual Plane, most emoji, takes two).
 */
public final class SmsSegments {

    /** The GSM 03.38 basic character set. */
    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    /** Characters of the extension table, sent as an escape and the character: two septets each. */
    private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

    public enum Encoding {
        GSM_7, UCS_2
    }

    public record Count(Encoding encoding, int units, int segments) {
    }

    private SmsSegments() {
    }

    public static Count count(String text) {
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GSM_BASIC.indexOf(c) >= 0) {
                septets++;
            }
            else if (GSM_EXTENSION.indexOf(c) >= 0) {
                septets += 2;
            }
            else {
                // UTF-16 code units: a character beyond the BMP is a surrogate pair, two units.
                int units = text.length();
                return new Count(Encoding.UCS_2, units, segments(units, 70, 67));
            }
        }
        return new Count(Encoding.GSM_7, septets, segments(septets, 160, 153));
    }

    private static int segments(int units, int single, int perPart) {
        if (units == 0) {
            return 1;
        }
        return units <= single ? 1 : (units + perPart - 1) / perPart;
    }
}
