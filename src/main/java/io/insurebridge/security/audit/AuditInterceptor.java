package io.insurebridge.security.audit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import java.util.Map;

/**
 * Writes one audit row after every change request a controller handled (re-drive, retry, reload, cancel,
 * registry and anti-fraud decisions, connector and mapping changes, and whatever the console adds): the
 * controllers need no audit code of their own, so a new action cannot be forgotten.
 */
class AuditInterceptor implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(AuditInterceptor.class);

    private final AuditTrail trail;

    AuditInterceptor(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                Exception ex) {
        if (!PrivilegedRequests.audited(request)) {
            return;
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String user = auth == null || auth instanceof AnonymousAuthenticationToken ? "anonymous" : auth.getName();
        String pattern = (String) request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(
                HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String path = PrivilegedRequests.path(request);
        String action;
        String target;
        if (pattern != null) {
            action = PrivilegedRequests.action(pattern, variables == null ? Map.of() : variables);
            target = PrivilegedRequests.target(pattern, variables == null ? Map.of() : variables);
        } else {
            String[] guessed = PrivilegedRequests.actionAndTarget(path);
            action = guessed[0];
            target = guessed[1];
        }
        int status = ex != null && response.getStatus() < 400 ? 500 : response.getStatus();
        try {
            trail.record(user, auth == null ? null : PrivilegedRequests.roles(auth), action, target,
                    PrivilegedRequests.reason(request), AuditEntry.outcome(status, ex != null), status,
                    request.getMethod(), path, request.getRemoteAddr());
        } catch (RuntimeException e) {
            log.error("Audit row for {} {} by {} could not be written: {}", request.getMethod(), path, user,
                    e.toString());
        }
    }
}
