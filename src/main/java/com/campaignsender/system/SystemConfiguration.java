package com.campaignsender.system;

import java.time.Clock;
import java.util.List;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.campaignsender.gateway.Provider;
import com.campaignsender.gateway.ProviderRegistry;
import com.campaignsender.gateway.ProviderHttp;
import com.campaignsender.sandbox.SandboxJournal;
import com.campaignsender.sandbox.SandboxServer;
import com.campaignsender.sandbox.SandboxSettings;
import com.campaignsender.sandbox.SandboxStore;

/** The cross-cutting wiring: clock, HTTP client, and which provider endpoint each account uses. */
@Configuration(proxyBeanMethods = false)
public class SystemConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "close")
    CloseableHttpClient httpClient() {
        return ProviderHttp.newClient();
    }

    /**
     * A transaction of its own, committed when the callback returns, whatever transaction the
     * caller is in: the ledger writes that must be durable before the next action (SENDING before
     * a request leaves, a page of statuses before the next is read) go through it.
     */
    @Bean
    TransactionTemplate ownTransaction(PlatformTransactionManager transactionManager) {
        TransactionTemplate template = new TransactionTemplate(transactionManager);
        template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return template;
    }

    /** Started only when some account's base-url is {@code sandbox}; what it creates is kept in the database. */
    @Bean(destroyMethod = "close")
    @Lazy
    SandboxServer sandboxServer(SandboxSettings settings, Clock clock, JsonMapper json, JdbcClient jdbc) {
        return new SandboxServer(0, settings, new SandboxStore(clock, new SandboxJournal(jdbc, json)), json);
    }

    /**
     * The providers and their accounts, bound once from {@code campaign.providers.*}; an account
     * on the sandbox is answered by the built-in simulator's handler of its provider.
     */
    @Bean
    ProviderRegistry providerRegistry(List<Provider> providers, Environment environment,
            ObjectProvider<SandboxServer> sandbox, CloseableHttpClient http, JsonMapper json) {
        return new ProviderRegistry(providers, Binder.get(environment), type -> sandbox.getObject().baseUrl(type), http, json);
    }
}
