package com.campaignsender.operate;

/** Another live process is sending this run right now; starting it again would race it. */
public class RunBusyException extends RuntimeException {

    public RunBusyException(String message) {
        super(message);
    }
}
