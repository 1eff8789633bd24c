package io.insurebridge.security.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.util.ContentCachingRequestWrapper;
import org.springframework.web.util.WebUtils;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What an audited request is: a change (not a read) on the people's API or console; its action name and target
 * from the handler's path pattern; the reason the user gave.
 */
final class PrivilegedRequests {

    /** Header a caller can give the reason in when the action has no body (re-drive, retry, reload). */
    static final String REASON_HEADER = "X-Audit-Reason";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PrivilegedRequests() {}

    static boolean audited(HttpServletRequest request) {
        String m = request.getMethod();
        if ("GET".equals(m) || "HEAD".equals(m) || "OPTIONS".equals(m) || "TRACE".equals(m)) {
            return false;
        }
        String path = path(request);
        return path.startsWith("/api/") || path.startsWith("/console/") || path.equals("/console");
    }

    static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length())
                : uri;
    }

    /**
     * "messages.reprocess" for /api/messages/{id}/reprocess, "registry.suspend" for
     * /api/registry/{kind}/{code}/{action} with action suspend: the literal parts of the pattern, then the
     * "action" variable if the pattern has one.
     */
    static String action(String pattern, Map<String, String> variables) {
        List<String> words = new ArrayList<>();
        for (String part : pattern.split("/")) {
            if (part.isEmpty() || part.equals("api") || part.startsWith("{")) {
                continue;
            }
            words.add(part);
        }
        if (variables.containsKey("action")) {
            words.add(variables.get("action"));
        }
        return words.isEmpty() ? pattern : String.join(".", words);
    }

    /** The path variables but the action, in pattern order: "institutions/H33010000001", "17". */
    static String target(String pattern, Map<String, String> variables) {
        List<String> values = new ArrayList<>();
        for (String part : pattern.split("/")) {
            if (part.startsWith("{") && part.endsWith("}")) {
                String name = part.substring(1, part.length() - 1).split(":")[0];
                if (!name.equals("action") && variables.get(name) != null) {
                    values.add(variables.get(name));
                }
            }
        }
        return values.isEmpty() ? null : String.join("/", values);
    }

    /** A path without a handler (refused before it): its words, numbers taken as the target. */
    static String[] actionAndTarget(String path) {
        List<String> words = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals("api")) {
                continue;
            }
            (part.chars().anyMatch(Character::isDigit) ? ids : words).add(part);
        }
        return new String[] {String.join(".", words), ids.isEmpty() ? null : String.join("/", ids)};
    }

    /** The "reason" of a JSON body, else the reason query parameter, else the X-Audit-Reason header. */
    static String reason(HttpServletRequest request) {
        ContentCachingRequestWrapper cached = WebUtils.getNativeRequest(request, ContentCachingRequestWrapper.class);
        if (cached != null) {
            byte[] body = cached.getContentAsByteArray();
            if (body.length > 0) {
                try {
                    JsonNode node = JSON.readTree(new String(body, StandardCharsets.UTF_8));
                    if (node != null && node.hasNonNull("reason")) {
                        return node.get("reason").asText();
                    }
                } catch (Exception notJson) {
                    // a body that is not JSON has no reason field
                }
            }
        }
        String parameter = request.getParameter("reason");
        return parameter != null ? parameter : request.getHeader(REASON_HEADER);
    }

    static String roles(Authentication auth) {
        return auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).sorted()
                .collect(Collectors.joining(","));
    }
}
