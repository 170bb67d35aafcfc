package com.campaignsender.account;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.mysql.Bucket4jMySQL;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;

import org.springframework.stereotype.Component;

import com.campaignsender.definition.Rate;
import com.campaignsender.gateway.AccountConnection;
import com.campaignsender.gateway.AccountSettings;
import com.campaignsender.gateway.ProviderRegistry;
import com.campaignsender.system.DatabaseProduct;

/**
 * The provider accounts of this process, one {@link ProviderAccount} per account name, made on
 * first use: every run that sends through an account shares its budget, breaker and 429 pause.
 * The budget lives in the {@code account_budget} table, through Bucket4j's select-for-update
 * proxy manager for the database at hand (MySQL's serves MariaDB too; PostgreSQL has its own).
 */
@Component
public class ProviderAccounts {

    private final ProviderRegistry providers;
    private final DataSource dataSource;
    private final Clock clock;
    private final MeterRegistry meters;
    /** The key of an account's read budget beside its own, in the same table. */
    static final String READS = "/reads";
    static final String UNLIMITED = "unlimited";

    private final Map<String, ProviderAccount> accounts = new ConcurrentHashMap<>();
    /** When this process started: the budget configuration of the newest process wins. */
    private final long configurationVersion;
    private ProxyManager<String> buckets;

    ProviderAccounts(ProviderRegistry providers, DataSource dataSource, Clock clock, MeterRegistry meters) {
        this.providers = providers;
        this.meters = meters;
        this.dataSource = dataSource;
        this.clock = clock;
        this.configurationVersion = clock.millis();
        // Every account's budget checked now: a rate that is not a rate refuses to start, naming its key.
        providers.accounts().forEach(account -> {
            sends(account);
            reads(account);
        });
    }

    public ProviderAccount of(String account) {
        return accounts.computeIfAbsent(account, name -> {
            AccountConnection connection = providers.account(name);
            return watched(new ProviderAccount(name,
                    sends(connection).map(budget -> new AccountBudget(buckets(), name, budget, configurationVersion)),
                    reads(connection).map(budget -> new AccountBudget(buckets(), name + READS, budget, configurationVersion)),
                    clock));
        });
    }

    /**
     * The account's budget: its {@code rate} and {@code burst}, or else the limit its provider
     * documents, except on the sandbox, which limits nothing unless told to ({@code campaign.sandbox.rate-limit}).
     * {@code rate: unlimited} paces nothing: a stand-in for the provider, or a contract above its documented limit.
     */
    static Optional<Budget> sends(AccountConnection account) {
        AccountSettings settings = account.settings();
        if (UNLIMITED.equals(settings.rate())) {
            return Optional.empty();
        }
        Optional<Budget> configured = Budget.parse(ProviderRegistry.PREFIX + "." + account.name() + ".rate",
                settings.rate(), settings.burst());
        return configured.isPresent() || settings.usesSandbox() ? configured
                : Optional.of(Budget.of(account.provider().limits().sends()));
    }

    /**
     * A budget of the account's status reads apart from its sends: its {@code read-rate}, or else the
     * read limit its provider documents (Infobip's 120 a minute) off the sandbox; empty when reads
     * share the account's budget with its sends, as VoIPBIN counts them.
     */
    static Optional<Budget> reads(AccountConnection account) {
        AccountSettings settings = account.settings();
        if (UNLIMITED.equals(settings.readRate())) {
            return Optional.empty();
        }
        Optional<Budget> configured = Budget.parse(ProviderRegistry.PREFIX + "." + account.name() + ".read-rate",
                settings.readRate(), null);
        return configured.isPresent() || settings.usesSandbox() ? configured
                : account.provider().limits().reads().map(Budget::of);
    }

    /**
     * A budget of {@code rate} and {@code burst} that every process shares, kept beside the
     * accounts' in the same table under {@code key}: a campaign's own {@code limits.rate} when a
     * cluster's workers send its run together.
     */
    public Pace sharedPace(String key, Rate rate, int burst) {
        return new AccountBudget(buckets(), key, new Budget(rate, burst), configurationVersion);
    }

    /** {@code campaign.account.breaker.state}: 1 for the state the account's breaker is in, 0 for the others. */
    private ProviderAccount watched(ProviderAccount account) {
        for (CircuitBreaker.State state : List.of(CircuitBreaker.State.CLOSED, CircuitBreaker.State.OPEN, CircuitBreaker.State.HALF_OPEN)) {
            Gauge.builder("campaign.account.breaker.state", account, each -> each.breakerState() == state ? 1 : 0)
                    .description("the account's circuit breaker: 1 for the state it is in")
                    .tags("account", account.name(), "state", state.name().toLowerCase(Locale.ROOT)).register(meters);
        }
        return account;
    }

    /** The account's state if this process has sent through it. */
    public Optional<ProviderAccount> find(String provider) {
        return Optional.ofNullable(accounts.get(provider));
    }

    private synchronized ProxyManager<String> buckets() {
        if (buckets == null) {
            buckets = switch (DatabaseProduct.of(dataSource)) {
                case "H2" -> new H2BudgetProxyManager(dataSource);
                case "PostgreSQL" -> Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource).primaryKeyMapper(PrimaryKeyMapper.STRING)
                        .table("account_budget").idColumn("id").stateColumn("state").build();
                default -> Bucket4jMySQL.selectForUpdateBasedBuilder(dataSource).primaryKeyMapper(PrimaryKeyMapper.STRING)
                        .table("account_budget").idColumn("id").stateColumn("state").build();
            };
        }
        return buckets;
    }

}
