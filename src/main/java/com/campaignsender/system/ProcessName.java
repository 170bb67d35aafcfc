package com.campaignsender.system;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * How this process is named where others see it: {@code host:pid}, in run leases, campaign
 * locks and the ledger's record of which process sent each row (a cluster's workers).
 */
public final class ProcessName {

    public static final String HOST = host();
    public static final String SELF = HOST + ":" + ProcessHandle.current().pid();

    private ProcessName() {
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        }
        catch (UnknownHostException ex) {
            return "unknown-host";
        }
    }
}
