package com.campaignsender.system;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import com.campaignsender.security.InvalidServerSetting;

/** The one-line reason in place of a stack trace when the web side's secrets would not keep anyone out. */
class InvalidServerSettingAnalyzer extends AbstractFailureAnalyzer<InvalidServerSetting> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidServerSetting cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Correct that setting (campaign.server.*; README, \"Security\") and start again.", cause);
    }
}
