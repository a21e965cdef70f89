package io.creditcontrol.scoring.api;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Path;
import jakarta.validation.Validator;

/**
 * Checks a request body completely before anything is done with it: the Bean Validation
 * constraints of its record plus the rules annotations cannot say (a real ISO 4217 currency, a
 * real ISO 3166 country, no date in the future). Every broken rule is reported, not just the first.
 */
@ApplicationScoped
class RequestRules {

    private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private final Validator validator;

    RequestRules(Validator validator) {
        this.validator = validator;
    }

    Check check(Object body) {
        Check check = new Check();
        if (body == null) {
            check.violations.add(new Problem.Violation("body", "must not be empty"));
            return check;
        }
        validator.validate(body).forEach(v -> check.violations.add(new Problem.Violation(field(v.getPropertyPath()), v.getMessage())));
        return check;
    }

    static final class Check {
        private final List<Problem.Violation> violations = new ArrayList<>();

        Check currency(String field, String value) {
            if (value != null && !CURRENCIES.contains(value)) {
                violations.add(new Problem.Violation(field, "is not an ISO 4217 currency code"));
            }
            return this;
        }

        Check country(String field, String value) {
            if (value != null && !COUNTRIES.contains(value)) {
                violations.add(new Problem.Violation(field, "is not an ISO 3166-1 alpha-2 country code"));
            }
            return this;
        }

        Check notAfter(String field, LocalDate value, LocalDate today) {
            if (value != null && value.isAfter(today)) {
                violations.add(new Problem.Violation(field, "must not be in the future (today is " + today + ")"));
            }
            return this;
        }

        /** Throws when anything is wrong, naming each field once per broken rule. */
        void orFail() {
            if (!violations.isEmpty()) {
                List<Problem.Violation> sorted = new ArrayList<>(violations);
                sorted.sort(Comparator.comparing(Problem.Violation::field).thenComparing(Problem.Violation::message));
                throw new InvalidRequestException(sorted);
            }
        }
    }

    private static String field(Path path) {
        return path.toString();
    }
}
