package org.ledgermta.api.account;

import java.util.Map;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.ledgermta.api.store.StoreUnavailableException;
import org.ledgermta.domain.CommandRefusedException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Every failure of the admin API as {"error": "<what to do>"}. */
@RestControllerAdvice(assignableTypes = {AccountAdminController.class,
        org.ledgermta.api.delivery.OperatorController.class, org.ledgermta.api.sender.SenderDomainController.class})
class AdminApiErrors {

    @ExceptionHandler
    ResponseEntity<Map<String, String>> turnedAway(AdminApiException e) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status());
        if (e.status() == HttpStatus.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"ledgermta admin\"");
        }
        return response.body(error(e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<Map<String, String>> invalid(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(error(e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest().body(error("The request body is not the JSON this request takes, for "
                + "example {\"name\": \"acme\", \"networks\": [\"203.0.113.0/24\"], \"password\": \"…\", "
                + "\"limits\": {\"perMinute\": 100, \"perHour\": null, \"perDay\": 20000}}."));
    }

    @ExceptionHandler
    ResponseEntity<Map<String, String>> refused(CommandRefusedException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(error(e.getReason()));
    }

    @ExceptionHandler
    ResponseEntity<Map<String, String>> unknown(AggregateNotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(error("There is no '"
                + e.getAggregateIdentifier() + "' in the ledger."));
    }

    @ExceptionHandler
    ResponseEntity<Map<String, String>> notConfigured(IllegalStateException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(error(e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<Map<String, String>> storeDown(StoreUnavailableException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(error("The change was not recorded: "
                + e.getMessage() + " Try again once the store answers."));
    }

    private static Map<String, String> error(String message) {
        return Map.of("error", message);
    }
}
