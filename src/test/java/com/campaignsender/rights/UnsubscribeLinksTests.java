package com.campaignsender.rights;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The unsubscribe links (SPEC section 15): a link names a run's row and is signed, so that nobody
 * can make or alter one to unsubscribe someone else; it is the same every time it is rendered.
 */
class UnsubscribeLinksTests {

    private final UnsubscribeLinks links = links("https://campaigns.example.com/", "key-of-this-database");

    @Test
    void aLinkNamesTheRunAndRowUnderThePublicUrlAndVerifiesBackToThem() {
        String url = links.urlFor(42, 1001);

        assertThat(url).startsWith("https://campaigns.example.com/unsubscribe/42.1001.").doesNotContain("//unsubscribe");
        assertThat(links.urlFor(42, 1001)).as("rendered again, the same link").isEqualTo(url);
        assertThat(links.verify(token(url))).contains(new UnsubscribeLinks.Target(42, 1001));
    }

    /** The attack: a recipient edits their own link to reach another row or run. */
    @Test
    void aLinkAlteredToNameAnotherRowOrRunIsRefused() {
        String token = token(links.urlFor(42, 1001));
        String signature = token.substring(token.lastIndexOf('.') + 1);

        assertThat(links.verify("42.1002." + signature)).isEmpty();
        assertThat(links.verify("43.1001." + signature)).isEmpty();
        assertThat(links.verify(token.substring(0, token.length() - 1) + flip(token.charAt(token.length() - 1)))).isEmpty();
        assertThat(links.verify("42.1001")).isEmpty();
        assertThat(links.verify("42.1001." + signature + "A")).isEmpty();
        assertThat(links.verify("' OR 1=1 --")).isEmpty();
    }

    /** A second spelling of the same 16 bytes (the last base64 character's unused bits) is refused too. */
    @Test
    void anotherSpellingOfTheSameSignatureIsRefused() {
        String token = token(links.urlFor(7, 3));
        char last = token.charAt(token.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        // 22 characters carry 132 bits; the last character's low 4 bits are no byte's.
        char sameBytes = alphabet.charAt((alphabet.indexOf(last) & ~0xF) | ((alphabet.indexOf(last) + 1) & 0xF));

        assertThat(links.verify(token.substring(0, token.length() - 1) + sameBytes)).isEmpty();
    }

    @Test
    void aLinkSignedUnderAnotherDatabasesKeyIsRefused() {
        String foreign = token(links("https://campaigns.example.com", "key-of-another-database").urlFor(42, 1001));

        assertThat(links.verify(foreign)).isEmpty();
    }

    @Test
    void withoutAPublicUrlNoLinkCanBeMadeAndTheErrorNamesTheSetting() {
        UnsubscribeLinks unset = links(null, "key");

        assertThat(unset.configured()).isFalse();
        assertThatThrownBy(() -> unset.urlFor(1, 1)).hasMessageContaining("campaign.server.public-url");
        assertThat(links("  ", "key").configured()).as("a blank setting is no address").isFalse();
    }

    private static UnsubscribeLinks links(String publicUrl, String secret) {
        byte[] key = Arrays.copyOf(secret.getBytes(StandardCharsets.UTF_8), 32);
        SigningKeys keys = new SigningKeys(null, null, null) {
            @Override
            public byte[] key(String name) {
                return key;
            }
        };
        return new UnsubscribeLinks(keys, new RightsSettings(publicUrl == null ? null : URI.create(publicUrl.strip().isEmpty() ? "" : publicUrl)));
    }

    private static String token(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private static char flip(char c) {
        return c == 'A' ? 'B' : 'A';
    }
}
