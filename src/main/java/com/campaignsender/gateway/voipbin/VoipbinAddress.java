package com.campaignsender.gateway.voipbin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** VoIPBIN's Address object; requests send {@code type} and {@code target} only (the contract's required fields). */
@JsonIgnoreProperties(ignoreUnknown = true)
record VoipbinAddress(String type, String target) {

    static VoipbinAddress email(String address) {
        return new VoipbinAddress("email", address);
    }

    static VoipbinAddress tel(String number) {
        return new VoipbinAddress("tel", number);
    }
}
