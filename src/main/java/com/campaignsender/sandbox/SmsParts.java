package com.campaignsender.sandbox;

/**
 * How many SMS segments the simulator charges for a text, by the rule in providers.md: GSM-7
 * (160 alone, 153 per part, extension characters count two) or else UCS-2 (70 alone, 67 per
 * part, characters beyond the Basic Multilingual Plane count two). The sandbox's own copy: it
 * checks the product's count, so it must not share it.
 */
final class SmsParts {

    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

    private SmsParts() {
    }

    static int count(String text) {
        int gsmUnits = 0;
        boolean gsm = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GSM_BASIC.indexOf(c) >= 0) {
                gsmUnits++;
            }
            else if (GSM_EXTENSION.indexOf(c) >= 0) {
                gsmUnits += 2;
            }
            else {
                gsm = false;
                break;
            }
        }
        if (gsm) {
            return gsmUnits <= 160 ? 1 : (gsmUnits + 152) / 153;
        }
        int ucs2Units = text.length(); // UTF-16 length: a character beyond the BMP is a surrogate pair, two units
        return ucs2Units <= 70 ? 1 : (ucs2Units + 66) / 67;
    }
}
