package com.campaignsender.gateway;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * The providers as the application finds them (every {@link Provider} component under
 * {@code gateway}), and a registry of accounts configured by {@code properties}, for tests that
 * need no application context.
 */
public final class TestProviders {

    private TestProviders() {
    }

    public static List<Provider> all() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(true);
        scanner.addIncludeFilter(new AssignableTypeFilter(Provider.class));
        return scanner.findCandidateComponents("com.campaignsender.gateway").stream()
                .map(candidate -> (Provider) BeanUtils.instantiateClass(ClassUtils.resolveClassName(
                        candidate.getBeanClassName(), TestProviders.class.getClassLoader())))
                .toList();
    }

    /** Accounts configured by {@code properties} ({@code campaign.providers.<account>.*}); the sandbox at {@code sandbox}. */
    public static ProviderRegistry registry(Map<String, String> properties, URI sandbox) {
        return new ProviderRegistry(all(), new Binder(new MapConfigurationPropertySource(properties)), type -> sandbox,
                ProviderHttp.newClient(), JsonMapper.builder().build());
    }

    /** Every provider's own account, on a sandbox nobody will call. */
    public static ProviderRegistry registry() {
        return registry(Map.of(), URI.create("http://127.0.0.1:9"));
    }
}
