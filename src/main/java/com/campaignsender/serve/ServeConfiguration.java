package com.campaignsender.serve;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The web side of {@code serve}: present only when the service runs a web server; its schedules with it. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@ServeOnly
@EnableScheduling
class ServeConfiguration {
}
