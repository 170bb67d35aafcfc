package com.campaignsender.recipients;

import java.util.Locale;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import com.campaignsender.gateway.Channel;
import com.campaignsender.ledger.RowReason;

/**
 * Decides whether an address can be sent to and writes it in the one form that duplicates are
 * compared in: email lower-cased, phone numbers in E.164.
 */
public final class AddressRules {

    /** Local part, '@', a domain of dot-separated labels ending in a letter label. */
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

    private final Channel channel;
    private final String defaultRegion;

    public AddressRules(Channel channel, String defaultRegion) {
        this.channel = channel;
        this.defaultRegion = defaultRegion;
    }

    /** The normalised address, or a {@link RowRejection} saying why it is not one. */
    public String normalise(String raw) {
        String address = raw == null ? "" : raw.strip();
        if (address.isEmpty()) {
            throw new RowRejection(RowReason.of("no address"));
        }
        return channel == Channel.EMAIL ? email(address) : phone(address);
    }

    private static String email(String address) {
        if (address.length() > 254 || !EMAIL.matcher(address).matches() || address.contains("..")) {
            throw new RowRejection(RowReason.of("invalid email address '%s'", RowReason.own(address)));
        }
        return address.toLowerCase(Locale.ROOT);
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
