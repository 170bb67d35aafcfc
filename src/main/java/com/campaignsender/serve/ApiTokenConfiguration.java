package com.campaignsender.serve;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The bearer token in front of every web server this application runs: {@code serve}'s API and
 * metrics, and a {@code worker}'s metrics.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ApiTokenConfiguration {

    /** Refuses to start an API open to the network: without a token the process must listen on loopback only. */
    @Bean
    FilterRegistrationBean<ApiTokenFilter> apiTokenFilter(ServerSettings settings, Environment environment) {
        if ((settings.token() == null || settings.token().isEmpty()) && !loopback(environment.getProperty("server.address"))) {
            throw new IllegalStateException("campaign.server.token must be set when server.address is not a loopback address");
        }
        FilterRegistrationBean<ApiTokenFilter> registration = new FilterRegistrationBean<>(new ApiTokenFilter(settings.token()));
        registration.addUrlPatterns("/api/*", ApiTokenFilter.PROMETHEUS);
        return registration;
    }

    private static boolean loopback(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        }
        catch (UnknownHostException ex) {
            return false;
        }
    }
}
