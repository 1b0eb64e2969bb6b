package org.ledgermta.api.account;

import org.springframework.http.HttpStatus;

/** A request the admin API turns away, with the status and a sentence the caller can act on. */
final class AdminApiException extends RuntimeException {

    private final HttpStatus status;

    AdminApiException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }
}
