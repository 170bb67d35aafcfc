package com.campaignsender.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import com.campaignsender.rights.UnsubscribeLinks;
import com.campaignsender.serve.ServerSettings;

/**
 * Who may use the web side (SPEC section 19), in one chain that denies by default. Open to anyone:
 * the health probes, the login form, the recipients' unsubscribe pages and the provider webhooks,
 * each of which checks what it needs (a signed link, a path secret and the account's credential).
 * The API and every other Actuator endpoint take the bearer token; the pages take a session opened
 * by typing the token into the login form, and their forms carry a CSRF token. Without a token
 * (allowed on loopback only) the operator's side is open to this machine's programs and its own
 * pages, and refused to other web sites. Paths are judged after Spring Security's firewall has
 * refused the ones that are not normalised ({@code ;}, encoded slashes, {@code ..}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableWebSecurity
class SecurityConfiguration {

    /** The pages' policy: no scripts, no framing, forms post to this service only. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static final String[] OPEN = { "/actuator/health", "/actuator/health/**", "/login", "/error",
            UnsubscribeLinks.PATH + "**", WebhookPathSecretFilter.PATH + "**" };

    @Bean
    SecurityFilterChain serviceSecurity(HttpSecurity http, ServerSettings settings, Environment environment,
            GuessLimiter guesses) throws Exception {
        String token = ServerSecrets.checkedToken(settings, environment.getProperty("server.address"));
        RequestMatcher apiOrActuator = new OrRequestMatcher(path("/api/**"), path("/actuator/**"));
        http.addFilterBefore(new GuessLimitFilter(guesses), CsrfFilter.class)
                .addFilterAfter(new WebhookPathSecretFilter(settings.webhookSecret(), guesses), GuessLimitFilter.class)
                .csrf(csrf -> csrf.ignoringRequestMatchers(path("/api/**"), path(WebhookPathSecretFilter.PATH + "**"),
                        path(UnsubscribeLinks.PATH + "**")))
                .headers(headers -> headers.contentSecurityPolicy(policy -> policy.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                .sessionManagement(sessions -> sessions.sessionFixation(fixation -> fixation.changeSessionId()))
                .exceptionHandling(exceptions -> exceptions.accessDeniedHandler(SecurityConfiguration::refused))
                .logout(logout -> logout.logoutSuccessUrl("/login"));
        if (token == null) {
            http.addFilterBefore(new SameOriginFilter(environment.getProperty("server.address")), GuessLimitFilter.class)
                    .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
            return http.build();
        }
        ProviderManager authentication = new ProviderManager(new ServiceToken(token));
        AuthenticationFilter bearer = new AuthenticationFilter(authentication, new BearerTokens());
        bearer.setSuccessHandler((request, response, granted) -> {
            // the request goes on to what it asked for
        });
        bearer.setFailureHandler((request, response, failure) -> {
            guesses.failed(request.getRemoteAddr(), "A wrong bearer token for " + request.getServletPath());
            json(response, "the bearer token is wrong: it is not this service's campaign.server.token");
        });
        return http.addFilterBefore(bearer, CsrfFilter.class)
                .authenticationManager(authentication)
                .formLogin(form -> form.loginPage("/login").passwordParameter("token").defaultSuccessUrl("/")
                        .failureHandler((request, response, failure) -> {
                            guesses.failed(request.getRemoteAddr(), "A wrong token on the login form");
                            response.setStatus(HttpStatus.SEE_OTHER.value());
                            response.setHeader(HttpHeaders.LOCATION, "/login?error");
                        }))
                .authorizeHttpRequests(requests -> requests.requestMatchers(OPEN).permitAll()
                        .requestMatchers(apiOrActuator).hasAuthority(ServiceToken.API)
                        .anyRequest().hasAuthority(ServiceToken.PAGE))
                .exceptionHandling(exceptions -> exceptions
                        .defaultAuthenticationEntryPointFor((request, response, missing) -> json(response,
                                "a bearer token is required: Authorization: Bearer <campaign.server.token>"), apiOrActuator)
                        .defaultAuthenticationEntryPointFor(toLoginForm(), AnyRequestMatcher.INSTANCE))
                .build();
    }

    /** 403: a form without the page's CSRF token (out of date, or posted by another site), or a session at the API. */
    private static void refused(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        response.setStatus(HttpStatus.FORBIDDEN.value());
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(denied instanceof CsrfException
                ? "Refused: the form was out of date or came from another site; reload the page and try again.\n"
                : "Refused: this needs another credential (the API and the metrics take the bearer token).\n");
    }

    /** A browser without a session: a page is sent to the login form, anything else is 401. */
    private static AuthenticationEntryPoint toLoginForm() {
        return (request, response, missing) -> {
            if ("GET".equals(request.getMethod())) {
                response.setStatus(HttpStatus.SEE_OTHER.value());
                response.setHeader(HttpHeaders.LOCATION, "/login");
            }
            else {
                response.setStatus(HttpStatus.UNAUTHORIZED.value());
            }
        };
    }

    /** 401 with the reason: which of the two it is helps the caller; the token itself is never echoed. */
    private static void json(HttpServletResponse response, String error) throws IOException {
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        response.setContentType("application/json");
        response.getWriter().write("{\"error\": \"" + error + "\"}");
    }

    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.pathPattern(pattern);
    }
}
