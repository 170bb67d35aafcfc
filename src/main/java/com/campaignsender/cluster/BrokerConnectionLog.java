package com.campaignsender.cluster;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.rabbit.listener.ConsumeOkEvent;
import org.springframework.amqp.rabbit.listener.ListenerContainerConsumerFailedEvent;
import org.springframework.context.event.EventListener;

import com.campaignsender.system.Failures;

/**
 * What a process that takes partitions says when its connection to the broker goes and comes
 * back: one line each, in place of the listener container's stack traces at every reconnection
 * attempt (its logger is off, see application.properties). The partition in flight when the
 * connection went is finished, and its request, never acknowledged, is delivered again: the
 * worker that takes it finds it ended and drops it.
 */
class BrokerConnectionLog {

    private static final Logger log = LoggerFactory.getLogger(BrokerConnectionLog.class);

    private final BrokerCheck broker;
    private final AtomicBoolean lost = new AtomicBoolean();

    BrokerConnectionLog(BrokerCheck broker) {
        this.broker = broker;
    }

    @EventListener
    void consumerFailed(ListenerContainerConsumerFailedEvent event) {
        String why = event.getThrowable() == null ? event.getReason() : Failures.innermostMessage(event.getThrowable());
        if (event.isFatal()) {
            log.error("Partitions are no longer taken from the broker ({}): {}; restart this process once that is mended",
                    broker.describe(), why);
        }
        else if (lost.compareAndSet(false, true)) {
            log.warn("The broker is out of reach ({}): {}; partitions are taken again once it answers", broker.describe(), why);
        }
    }

    @EventListener
    void consuming(ConsumeOkEvent event) {
        if (lost.compareAndSet(true, false)) {
            log.info("The broker answers again ({}): taking partitions", broker.describe());
        }
    }
}
