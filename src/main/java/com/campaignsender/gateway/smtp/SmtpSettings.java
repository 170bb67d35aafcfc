package com.campaignsender.gateway.smtp;

import java.nio.file.Path;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * An SMTP account's own settings (SPEC section 21), under {@code campaign.providers.<account>.*}
 * beside the settings every account has. Without a {@code host} the account sends to the
 * sandbox's relay (or to its {@code base-url}, {@code smtp://host:port}).
 *
 * @param security    {@code starttls} (the default: upgraded before AUTH, refused if the relay cannot),
 *                    {@code tls} (TLS from the first byte, port 465) or {@code none} (a relay on this machine)
 * @param connections how many connections are kept open and reused; a relay that refuses more (421) gets fewer
 * @param inDoubt     what becomes of a message whose final reply never came: {@code unknown} (the
 *                    default: not sent again, the relay may have it) or {@code resend}
 * @param dkim        the DKIM signature, when its domain, selector and private key are all set
 * @param bounces     where bounces return to and are read from
 */
record SmtpSettings(String host, Integer port, String username, String password,
        @DefaultValue("starttls") Security security, @DefaultValue("8") int connections,
        @DefaultValue("unknown") InDoubt inDoubt, @DefaultValue Dkim dkim, @DefaultValue Bounces bounces) {

    enum Security {
        STARTTLS, TLS, NONE;

        int defaultPort() {
            return switch (this) {
                case STARTTLS -> 587;
                case TLS -> 465;
                case NONE -> 25;
            };
        }
    }

    enum InDoubt {
        UNKNOWN, RESEND
    }

    /** {@code dkim.private-key}: a PKCS#8 key, PEM or DER, in a file. */
    record Dkim(String domain, String selector, Path privateKey) {

        boolean configured() {
            return domain != null || selector != null || privateKey != null;
        }
    }

    /**
     * {@code bounces.return-path}: the address bounces return to ({@code bounces@example.com});
     * each message's is made its own ({@code bounces+<token>@example.com}) so that a bounce names
     * its message whatever the bounce says. {@code bounces.imap-url}: the mailbox they arrive in
     * ({@code imaps://user:password@imap.example.com/INBOX}).
     */
    record Bounces(String returnPath, String imapUrl) {
    }

    boolean usesSandbox() {
        return host == null || host.isBlank() || host.equals("sandbox");
    }

    @Override
    public String toString() {
        return "SmtpSettings[host=" + host + ", port=" + port + ", security=" + security + ", secrets redacted]";
    }
}
