package com.campaignsender.gateway.infobip;

import tools.jackson.databind.JsonNode;

import com.campaignsender.gateway.ProviderStatus;

/** An Infobip delivery report read as a status, the one mapping shared by polls and callbacks. */
final class InfobipStatuses {

    private InfobipStatuses() {
    }

    static ProviderStatus fromReport(JsonNode report) {
        String name = report.path("status").path("name").asString();
        return new ProviderStatus(report.path("messageId").asString(), report.path("to").asString(), name,
                InfobipEmailGateway.outcome(report.path("status").path("groupName").asString()));
    }
}
