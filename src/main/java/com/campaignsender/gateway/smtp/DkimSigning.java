package com.campaignsender.gateway.smtp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.simplejavamail.utils.mail.dkim.Canonicalization;
import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.simplejavamail.utils.mail.dkim.DkimSigner;

/**
 * An account's DKIM signature (SPEC section 21), made by utils-mail-dkim as the message is
 * written to the relay: {@code d=} the account's {@code dkim.domain}, {@code s=} its
 * {@code dkim.selector}, RSA-SHA256 with the PKCS#8 key in {@code dkim.private-key} (PEM or DER),
 * relaxed canonicalization of headers and body, over From, To, Subject, Date, Message-ID, the MIME
 * headers and both List-Unsubscribe headers. The public key is the operator's to publish in DNS;
 * signing never looks it up. A signer is not safe to share between threads: each sending thread has its own.
 */
final class DkimSigning {

    private final ThreadLocal<DkimSigner> signers;

    private DkimSigning(SmtpSettings.Dkim dkim, byte[] key) {
        this.signers = ThreadLocal.withInitial(() -> signer(dkim, key));
    }

    /** The account's signing; an {@link IllegalArgumentException} naming what is missing or unreadable. */
    static DkimSigning of(SmtpSettings.Dkim dkim) {
        if (dkim.domain() == null || dkim.selector() == null || dkim.privateKey() == null) {
            throw new IllegalArgumentException("domain, selector and private-key are set together (the key: a PKCS#8 file)");
        }
        byte[] key;
        try {
            key = der(Files.readAllBytes(dkim.privateKey()));
        }
        catch (IOException ex) {
            throw new IllegalArgumentException("private-key " + dkim.privateKey() + " cannot be read: " + ex.getMessage(), ex);
        }
        DkimSigning signing = new DkimSigning(dkim, key);
        signing.signers.get();
        return signing;
    }

    /** The message as it will be signed on its way out. */
    SMTPMessage sign(MimeMessage message) throws MessagingException {
        return new DkimMessage(message, signers.get());
    }

    private static DkimSigner signer(SmtpSettings.Dkim dkim, byte[] key) {
        try {
            DkimSigner signer = new DkimSigner(dkim.domain(), dkim.selector(), new ByteArrayInputStream(key));
            signer.setCheckDomainKey(false);
            signer.setHeaderCanonicalization(Canonicalization.RELAXED);
            signer.setBodyCanonicalization(Canonicalization.RELAXED);
            signer.addHeaderToSign("List-Unsubscribe-Post");
            return signer;
        }
        catch (Exception ex) {
            throw new IllegalArgumentException("private-key " + dkim.privateKey() + " is no PKCS#8 RSA key (PEM 'BEGIN"
                    + " PRIVATE KEY' or DER; convert a PKCS#1 one with `openssl pkcs8 -topk8 -nocrypt`): " + ex.getMessage(), ex);
        }
    }

    /** A PEM file's DER bytes; DER as it is. */
    private static byte[] der(byte[] file) {
        String text = new String(file, StandardCharsets.US_ASCII);
        if (!text.contains("-----BEGIN")) {
            return file;
        }
        if (text.contains("BEGIN RSA PRIVATE KEY")) {
            throw new IllegalArgumentException("private-key is PKCS#1 ('BEGIN RSA PRIVATE KEY'); convert it with"
                    + " `openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pk8.pem`");
        }
        return Base64.getMimeDecoder().decode(text.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", ""));
    }
}
