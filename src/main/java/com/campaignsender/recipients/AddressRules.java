package com.campaignsender.recipients;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import com.campaignsender.gateway.Channel;
import com.campaignsender.ledger.RowReason;

/**
 * Decides whether an address can be sent to and writes it in the one form that duplicates are
 * compared in: email lower-cased, its domain in Unicode (an internationalised domain typed in
 * Unicode or as IDNA A-labels, {@code xn--...}, is one address), phone numbers in E.164. An email
 * address as a mail client exports it, {@code Joe Smith <joe@example.com>}, is read as its address,
 * its name kept ({@link Parsed#name}). A local part that is not ASCII (RFC 6531) is taken, in Unicode
 * NFC (RFC 6532), only for an account that carries it. An address refused says which rule it broke
 * (SPEC section 23).
 */
public final class AddressRules {

    /** A list's address read: the address as the ledger keeps it, and the display name it came with, if any. */
    public record Parsed(String address, String name) {
    }

    /** The template variable of an address's display name ({@code ${address_name!""}}), where the row's address had one. */
    public static final String NAME_VARIABLE = "address_name";
    /** RFC 5321: 64 characters of local part, 254 in the whole path's address. */
    static final int LONGEST_LOCAL_PART = 64;
    static final int LONGEST_EMAIL = 254;
    /** {@code Name <address>} or {@code "Name" <address>}. */
    private static final Pattern NAMED = Pattern.compile("^\\s*(?:\"([^\"]*)\"|([^<>\"]*?))\\s*<([^<>]*)>\\s*$");
    /** The characters RFC 5322 allows unquoted in a local part (atext and dots). */
    private static final Pattern LOCAL_PART = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+");
    /** An ASCII domain of dot-separated labels, ending in a letter label or an A-label. */
    private static final Pattern DOMAIN = Pattern.compile(
            "([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\\.)+([A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})");

    private final Channel channel;
    private final String defaultRegion;
    private final Supplier<Optional<String>> unicodeLocalParts;
    /** What {@link #unicodeLocalParts} answered, once a list held such an address; null before. */
    private Optional<String> unicodeRefused;

    /**
     * The rules of a list sent through an account: {@code unicodeLocalParts} says why an address
     * whose local part is not ASCII is refused by it, empty when it is carried; asked once, and only
     * when a list holds one (an SMTP account asks its relay).
     */
    public AddressRules(Channel channel, String defaultRegion, Supplier<Optional<String>> unicodeLocalParts) {
        this.channel = channel;
        this.defaultRegion = defaultRegion;
        this.unicodeLocalParts = unicodeLocalParts;
    }

    /** The rules of addresses looked for or suppressed, not sent to: any local part an account could carry. */
    public AddressRules(Channel channel, String defaultRegion) {
        this(channel, defaultRegion, Optional::empty);
    }

    /** The normalised address, or a {@link RowRejection} saying why it is not one. */
    public String normalise(String raw) {
        return parse(raw).address();
    }

    /** The normalised address and the display name it came with, or a {@link RowRejection} saying why it is not one. */
    public Parsed parse(String raw) {
        String address = raw == null ? "" : raw.strip();
        if (address.isEmpty()) {
            throw new RowRejection(RowReason.of("no address"));
        }
        if (channel != Channel.EMAIL) {
            return new Parsed(phone(address), null);
        }
        Matcher named = NAMED.matcher(address);
        // the plain address, nearly every row, is not matched against the display-name form at all
        if (address.indexOf('<') >= 0 && named.matches()) {
            String name = named.group(1) != null ? named.group(1) : named.group(2);
            return new Parsed(email(named.group(3).strip()), name.isBlank() ? null : name.strip());
        }
        return new Parsed(email(address), null);
    }

    /**
     * An email address as providers take it: its domain in IDNA A-labels ({@code jo@bücher.ch} goes
     * to {@code jo@xn--bcher-kva.ch}); the ledger and the report keep the form the list had.
     */
    public static String forSending(String email) {
        int at = email.lastIndexOf('@');
        // called for every message sent: an ASCII domain, nearly every one, is already what IDN would answer
        return at < 0 || isAscii(email) ? email
                : email.substring(0, at + 1) + IDN.toASCII(email.substring(at + 1));
    }

    /**
     * A valid email address in the form the ledger keeps: lower case, its domain in Unicode; so an
     * address as a provider lists it (A-labels) finds the row it was sent for.
     */
    public static String asKept(String email) {
        int at = email.lastIndexOf('@');
        return at < 0 ? email : email.substring(0, at).toLowerCase(Locale.ROOT) + "@"
                + IDN.toUnicode(email.substring(at + 1)).toLowerCase(Locale.ROOT);
    }

    private String email(String typed) {
        // one address however its accents were typed: composed (é) or decomposed (e and a combining accent)
        String address = isAscii(typed) ? typed : Normalizer.normalize(typed, Normalizer.Form.NFC);
        if (address.codePointCount(0, address.length()) > LONGEST_EMAIL) {
            throw invalid(address, "longer than " + LONGEST_EMAIL + " characters");
        }
        int at = address.lastIndexOf('@');
        if (at < 0) {
            throw invalid(address, "no @");
        }
        if (address.indexOf('@') != at) {
            throw invalid(address, "more than one @");
        }
        if (address.indexOf('(') >= 0 || address.indexOf(')') >= 0) {
            throw invalid(address, "a comment in brackets");
        }
        if (address.indexOf('<') >= 0 || address.indexOf('>') >= 0) {
            throw invalid(address, "an angle bracket");
        }
        if (address.chars().anyMatch(Character::isWhitespace)) {
            throw invalid(address, "a space");
        }
        if (address.indexOf('"') >= 0) {
            throw invalid(address, "a quoted local part, which no provider here carries");
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        if (domain.startsWith("[")) {
            throw invalid(address, "a literal IP address for a domain");
        }
        if (local.isEmpty()) {
            throw invalid(address, "nothing before the @");
        }
        boolean unicode = !isAscii(local);
        if (unicode ? local.getBytes(StandardCharsets.UTF_8).length > LONGEST_LOCAL_PART : local.length() > LONGEST_LOCAL_PART) {
            throw invalid(address, "a local part longer than " + LONGEST_LOCAL_PART + (unicode ? " bytes in UTF-8" : " characters"));
        }
        if (!(unicode ? local.codePoints().allMatch(AddressRules::localPartCodePoint) : LOCAL_PART.matcher(local).matches())) {
            throw invalid(address, "a character a local part may not hold");
        }
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            throw invalid(address, "a dot at the start or end of the local part, or two in a row");
        }
        String ascii;
        try {
            ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES);
        }
        catch (IllegalArgumentException notADomain) {
            throw invalid(address, "a domain that is not a domain name");
        }
        if (!DOMAIN.matcher(ascii).matches()) {
            throw invalid(address, "a domain that is not a domain name");
        }
        if (unicode) {
            Optional<String> refused = unicodeRefused();
            if (refused.isPresent()) {
                throw invalid(address, "a local part that is not ASCII (RFC 6531), " + refused.get());
            }
        }
        return asKept(local + "@" + ascii);
    }

    private Optional<String> unicodeRefused() {
        if (unicodeRefused == null) {
            unicodeRefused = unicodeLocalParts.get();
        }
        return unicodeRefused;
    }

    /** Asked of every address loaded and sent: a loop, not a stream. */
    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    /**
     * RFC 6531's local part: RFC 5322's atext, and any character beyond ASCII but those that do not
     * print (controls, format characters, spaces of any width, unassigned and private code points).
     */
    private static boolean localPartCodePoint(int codePoint) {
        if (codePoint < 128) {
            return LOCAL_PART.matcher(Character.toString(codePoint)).matches();
        }
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR, Character.UNASSIGNED, Character.PRIVATE_USE, Character.SURROGATE -> false;
            default -> true;
        };
    }

    private static RowRejection invalid(String address, String rule) {
        return new RowRejection(RowReason.of("invalid email address '%s' (%s)", RowReason.own(address), rule));
    }

    private String phone(String address) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        try {
            PhoneNumber number = util.parse(address, defaultRegion == null ? "ZZ" : defaultRegion);
            if (!util.isValidNumber(number)) {
                throw new RowRejection(RowReason.of("invalid phone number '%s'", RowReason.own(address)));
            }
            return util.format(number, PhoneNumberFormat.E164);
        }
        catch (NumberParseException ex) {
            String hint = defaultRegion == null && !address.startsWith("+")
                    ? " (national number without recipients.default-region)" : "";
            throw new RowRejection(RowReason.of("invalid phone number '%s'%s", RowReason.own(address), hint));
        }
    }
}
