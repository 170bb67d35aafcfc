package com.campaignsender.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

/**
 * An {@code Authorization} header as the token it offers. A header of another scheme offers
 * itself whole, so that it fails like a wrong token rather than passing as no credential.
 */
final class BearerTokens implements AuthenticationConverter {

    private static final String BEARER = "Bearer ";

    @Override
    public Authentication convert(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            return null;
        }
        String offered = header.regionMatches(true, 0, BEARER, 0, BEARER.length()) ? header.substring(BEARER.length()) : header;
        return new PreAuthenticatedAuthenticationToken("api client", offered);
    }
}
