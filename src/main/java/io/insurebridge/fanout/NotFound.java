package io.insurebridge.fanout;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** 404 with the reason. */
class NotFound extends ResponseStatusException {
    NotFound(String reason) {
        super(HttpStatus.NOT_FOUND, reason);
    }
}
