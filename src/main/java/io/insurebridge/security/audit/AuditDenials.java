package io.insurebridge.security.audit;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * A signed-in user who tries a change their role does not allow never reaches a controller: Spring Security's
 * denial event records the attempt (outcome DENIED). Anonymous callers get 401 and are not recorded.
 */
@Component
class AuditDenials {

    private static final Logger log = LoggerFactory.getLogger(AuditDenials.class);

    private final AuditTrail trail;

    AuditDenials(AuditTrail trail) {
        this.trail = trail;
    }

    @EventListener
    public void denied(AuthorizationDeniedEvent<?> event) {
        if (!(event.getObject() instanceof HttpServletRequest request) || !PrivilegedRequests.audited(request)) {
            return;
        }
        Authentication auth = event.getAuthentication().get();
        if (auth == null || auth instanceof AnonymousAuthenticationToken || !auth.isAuthenticated()) {
            return;
        }
        String path = PrivilegedRequests.path(request);
        String[] actionAndTarget = PrivilegedRequests.actionAndTarget(path);
        try {
            trail.record(auth.getName(), PrivilegedRequests.roles(auth), actionAndTarget[0], actionAndTarget[1],
                    request.getParameter("reason"), AuditEntry.DENIED, 403, request.getMethod(), path,
                    request.getRemoteAddr());
        } catch (RuntimeException e) {
            log.error("Audit row for the denied {} {} by {} could not be written: {}", request.getMethod(), path,
                    auth.getName(), e.toString());
        }
    }
}
