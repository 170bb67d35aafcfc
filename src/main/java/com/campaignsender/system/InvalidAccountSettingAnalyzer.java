package com.campaignsender.system;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import com.campaignsender.gateway.InvalidAccountSetting;

/** Says which account setting stopped the start, in place of a stack trace. */
class InvalidAccountSettingAnalyzer extends AbstractFailureAnalyzer<InvalidAccountSetting> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidAccountSetting cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Correct that setting (campaign.providers.<account>.*; README, \"Provider accounts\") and start again.", cause);
    }
}
