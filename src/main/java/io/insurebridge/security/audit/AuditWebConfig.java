package io.insurebridge.security.audit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.util.ContentCachingRequestWrapper;

import java.io.IOException;

/** Hooks the audit into Spring MVC (every /api and /console change) and keeps change bodies readable for it. */
@Configuration(proxyBeanMethods = false)
public class AuditWebConfig implements WebMvcConfigurer {

    /** Only the first bytes of a body are kept for the reason: audited bodies are small JSON objects. */
    private static final int BODY_CACHE_LIMIT = 16 * 1024;

    private final AuditTrail trail;

    public AuditWebConfig(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new AuditInterceptor(trail)).addPathPatterns("/api/**", "/console", "/console/**");
    }

    /** The controller reads the body; the audit reads its "reason" afterwards from this copy. */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> auditBodyCopy() {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                            FilterChain chain) throws ServletException, IOException {
                chain.doFilter(PrivilegedRequests.audited(request)
                        ? new ContentCachingRequestWrapper(request, BODY_CACHE_LIMIT) : request, response);
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/api/*", "/console/*", "/console");
        registration.setName("auditBodyCopy");
        return registration;
    }
}
