package com.campaignsender.rights;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * The per-recipient unsubscribe links (SPEC section 15): {@code public-url/unsubscribe/<token>},
 * the token naming the run and the row (not the address, which a link would then show to
 * whoever sees it) and signed with HMAC-SHA256 under the database's key, so that a token cannot
 * be made or altered to unsubscribe someone else. A link is the same whenever it is rendered,
 * which the search for a lost answer's message relies on (it renders the message again).
 */
@Component
public class UnsubscribeLinks {

    /** The template variable a link is rendered into. */
    public static final String VARIABLE = "unsubscribe_url";
    public static final String PATH = "/unsubscribe/";
    private static final String KEY = "unsubscribe-links";
    /** 128 bits of the MAC: as hard to guess as the whole, and a shorter link. */
    private static final int SIGNATURE_BYTES = 16;
    private static final Pattern TOKEN = Pattern.compile("([0-9]{1,18})\\.([0-9]{1,9})\\.([A-Za-z0-9_-]{22})");

    /** The recipient a valid token names: a row of a run. */
    public record Target(long runId, int row) {
    }

    private final SigningKeys keys;
    private final RightsSettings settings;

    public UnsubscribeLinks(SigningKeys keys, RightsSettings settings) {
        this.keys = keys;
        this.settings = settings;
    }

    /** Whether links can be made: {@code campaign.server.public-url} is set. */
    public boolean configured() {
        return settings.link().isPresent();
    }

    public String urlFor(long runId, int row) {
        String root = settings.link().orElseThrow(() -> new IllegalStateException(
                "campaign.server.public-url is not set: unsubscribe links need it")).toString().replaceAll("/+$", "");
        return root + PATH + runId + "." + row + "." + signature(runId, row);
    }

    /** The target of a token whose signature holds; empty for a malformed or altered one. */
    public Optional<Target> verify(String token) {
        Matcher matcher = TOKEN.matcher(token);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long runId = Long.parseLong(matcher.group(1));
        int row = Integer.parseInt(matcher.group(2));
        // Compared as text: the last character of a 16-byte base64 value has bits no byte holds,
        // and a decoder ignores them, so two spellings of one signature would both pass as bytes.
        boolean holds = MessageDigest.isEqual(matcher.group(3).getBytes(StandardCharsets.US_ASCII),
                signature(runId, row).getBytes(StandardCharsets.US_ASCII));
        return holds ? Optional.of(new Target(runId, row)) : Optional.empty();
    }

    private String signature(long runId, int row) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keys.key(KEY), "HmacSHA256"));
            byte[] full = mac.doFinal(("unsubscribe:" + runId + "." + row).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, SIGNATURE_BYTES));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is not available", ex);
        }
    }
}
