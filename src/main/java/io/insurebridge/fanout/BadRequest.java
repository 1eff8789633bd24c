package io.insurebridge.fanout;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.server.ResponseStatusException;

/** A request the API refuses with 400 and the reason. */
@ResponseStatus(HttpStatus.BAD_REQUEST)
class BadRequest extends ResponseStatusException {
    BadRequest(String reason) {
        super(HttpStatus.BAD_REQUEST, reason);
    }
}
