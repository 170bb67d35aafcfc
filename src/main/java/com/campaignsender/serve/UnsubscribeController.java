package com.campaignsender.serve;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.campaignsender.rights.UnsubscribeLinks;
import com.campaignsender.rights.Unsubscribes;

/**
 * The recipients' side of an unsubscribe link (SPEC section 15), open to anyone who holds one.
 * {@code GET} only shows the address (masked) and a button: mail scanners and link previews fetch
 * every link, so a fetch must never unsubscribe. {@code POST} with {@code List-Unsubscribe=One-Click}
 * unsubscribes: the page's button sends it, and so does a mail client's one-click unsubscribe
 * (RFC 8058), which posts exactly that body to the link of the {@code List-Unsubscribe} header.
 * A token that is malformed or fails its signature is 400, one for no recipient here 404; both
 * change nothing.
 */
@RestController
@ServeOnly
class UnsubscribeController {

    static final String ONE_CLICK = "One-Click";

    private final UnsubscribeLinks links;
    private final Unsubscribes unsubscribes;

    UnsubscribeController(UnsubscribeLinks links, Unsubscribes unsubscribes) {
        this.links = links;
        this.unsubscribes = unsubscribes;
    }

    @GetMapping(UnsubscribeLinks.PATH + "{token}")
    ResponseEntity<String> confirm(@PathVariable String token) throws IOException {
        return withRecipient(token, recipient -> page(HttpStatus.OK, recipient.suppressed() ? "already" : "confirm", recipient));
    }

    @PostMapping(UnsubscribeLinks.PATH + "{token}")
    ResponseEntity<String> unsubscribe(@PathVariable String token,
            @RequestParam(name = "List-Unsubscribe", required = false) String oneClick) throws IOException {
        if (!ONE_CLICK.equals(oneClick)) {
            return page(HttpStatus.BAD_REQUEST, "invalid", null);
        }
        return withRecipient(token, recipient -> page(HttpStatus.OK, unsubscribes.unsubscribe(recipient) ? "done" : "already",
                recipient));
    }

    private interface PageFor {
        ResponseEntity<String> page(Unsubscribes.Recipient recipient) throws IOException;
    }

    private ResponseEntity<String> withRecipient(String token, PageFor page) throws IOException {
        Optional<UnsubscribeLinks.Target> target = links.verify(token);
        if (target.isEmpty()) {
            return page(HttpStatus.BAD_REQUEST, "invalid", null);
        }
        Optional<Unsubscribes.Recipient> recipient = unsubscribes.find(target.get());
        if (recipient.isEmpty()) {
            return page(HttpStatus.NOT_FOUND, "unknown", null);
        }
        return page.page(recipient.get());
    }

    private static ResponseEntity<String> page(HttpStatus status, String state, Unsubscribes.Recipient recipient)
            throws IOException {
        Map<String, Object> model = new HashMap<>();
        model.put("state", state);
        if (recipient != null) {
            model.put("address", recipient.masked());
        }
        return HtmlPages.page(status, "unsubscribe.html.ftl", model);
    }
}
