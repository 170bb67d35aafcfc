package com.campaignsender.serve;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;

import com.campaignsender.system.WorkerProcess;

/**
 * The service's own web side: its API, pages, webhooks and schedules. A cluster's {@code worker}
 * runs a web server too, for its health and metrics, and must not answer the service's API there
 * nor start or resume runs by schedule.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ConditionalOnBooleanProperty(name = WorkerProcess.PROPERTY, havingValue = false, matchIfMissing = true)
@interface ServeOnly {
}
