package com.campaignsender.gateway.voipbin;

/**
 * A VoIPBIN account's credential ({@code campaign.providers.<account>.token}, or {@code .accesskey}):
 * either travels as a query parameter, so it must be redacted wherever a URL is shown.
 */
record VoipbinCredentials(String token, String accesskey) {

    boolean missing() {
        return (token == null || token.isBlank()) && (accesskey == null || accesskey.isBlank());
    }

    @Override
    public String toString() {
        return "VoipbinCredentials[redacted]";
    }
}
