package com.campaignsender.gateway.voipbin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** VoIPBIN's Address object; requests send {@code type}, {@code target} and, for a sender, its name. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record VoipbinAddress(String type, String target, @JsonProperty("target_name") String targetName) {

    static VoipbinAddress email(String address, String name) {
        return new VoipbinAddress("email", address, name);
    }

    static VoipbinAddress tel(String number) {
        return new VoipbinAddress("tel", number, null);
    }
}
