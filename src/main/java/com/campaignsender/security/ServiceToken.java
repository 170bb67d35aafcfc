package com.campaignsender.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

/**
 * The operators' one credential, {@code campaign.server.token}, offered two ways: as a bearer
 * header by API clients and scrapers (which then may use the API and the Actuator), and typed into
 * the login form by a person (who then may use the pages, with a session). The two are kept apart,
 * so that a browser's session cookie never opens the API. The comparison takes the same time
 * whatever the guess.
 */
final class ServiceToken implements AuthenticationProvider {

    /** What a bearer of the token may do: the API and the Actuator. */
    static final String API = "API";
    /** What a logged-in person may do: the pages. */
    static final String PAGE = "PAGE";

    private final byte[] token;

    ServiceToken(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Authentication authenticate(Authentication offer) {
        Object offered = offer.getCredentials();
        if (!(offered instanceof String text) || !MessageDigest.isEqual(token, text.getBytes(StandardCharsets.UTF_8))) {
            throw new BadCredentialsException("not the service's campaign.server.token");
        }
        if (offer instanceof PreAuthenticatedAuthenticationToken) {
            return new PreAuthenticatedAuthenticationToken("api client", null, List.of(new SimpleGrantedAuthority(API)));
        }
        return UsernamePasswordAuthenticationToken.authenticated("operator", null, List.of(new SimpleGrantedAuthority(PAGE)));
    }

    @Override
    public boolean supports(Class<?> offer) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(offer)
                || PreAuthenticatedAuthenticationToken.class.isAssignableFrom(offer);
    }
}
