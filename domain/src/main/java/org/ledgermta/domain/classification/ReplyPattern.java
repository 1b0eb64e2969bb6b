package org.ledgermta.domain.classification;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.ledgermta.domain.message.SmtpReply;

/**
 * The part of a rule that recognises a reply: its codes, its enhanced codes and a regular expression over its
 * text, written as in reply-rules.txt. The reply rules and the mailbox providers' back-off rules (providers.txt)
 * share it, so that a reply is recognised the same way in both tables.
 */
public final class ReplyPattern {

    private static final Pattern CODE = Pattern.compile("[2-5][0-9]{2}");
    private static final Pattern CODE_CLASS = Pattern.compile("([245])xx", Pattern.CASE_INSENSITIVE);
    private static final Pattern ENHANCED = Pattern.compile("([245]|\\*)\\.([0-9]{1,3}|\\*)\\.([0-9]{1,3}|\\*)");

    private final String codes;
    private final IntPredicate codeFilter;
    private final String enhancedCodes;
    private final Pattern enhancedCodeFilter;
    private final Pattern text;

    private ReplyPattern(String codes, IntPredicate codeFilter, String enhancedCodes, Pattern enhancedCodeFilter,
            Pattern text) {
        this.codes = codes;
        this.codeFilter = codeFilter;
        this.enhancedCodes = enhancedCodes;
        this.enhancedCodeFilter = enhancedCodeFilter;
        this.text = text;
    }

    /**
     * A pattern for failure replies (4xx and 5xx); "*" as CODES means any of them. Errors say which field is wrong
     * and how to write it, for the caller to prefix with the line.
     */
    public static ReplyPattern ofFailures(String codes, String enhancedCodes, String regex) {
        return parse(codes, enhancedCodes, regex, false, "is not a failure: these rules apply to 4xx and 5xx replies");
    }

    /**
     * @param completions whether the pattern is for 2xx replies (a DELIVERED rule) rather than failures
     * @param misfit the end of the sentence refusing a code of the other kind, after "CODES item 'x' "
     */
    static ReplyPattern parse(String codes, String enhancedCodes, String regex, boolean completions, String misfit) {
        Objects.requireNonNull(codes, "codes are required");
        Objects.requireNonNull(enhancedCodes, "enhanced codes are required");
        Objects.requireNonNull(regex, "regex is required");
        Pattern text = regex(regex);
        return new ReplyPattern(codes, codeFilter(codes, completions, misfit), enhancedCodes,
                enhancedCodeFilter(enhancedCodes), text);
    }

    public String codes() {
        return codes;
    }

    public String enhancedCodes() {
        return enhancedCodes;
    }

    public String regex() {
        return text.pattern();
    }

    public boolean matches(SmtpReply reply) {
        Objects.requireNonNull(reply, "reply is required");
        return find(reply, ReplyText.normalised(reply)).isPresent();
    }

    /** The regex's match in the reply's text (ReplyText.normalised), or empty if the reply does not match. */
    Optional<MatchResult> find(SmtpReply reply, String normalisedText) {
        if (!codeFilter.test(reply.code())
                || enhancedCodeFilter != null && !enhancedCodeFilter.matcher(reply.enhancedCode()).matches()) {
            return Optional.empty();
        }
        Matcher matcher = text.matcher(normalisedText);
        return matcher.find() ? Optional.of(matcher.toMatchResult()) : Optional.empty();
    }

    int groupCount() {
        return text.matcher("").groupCount();
    }

    private static IntPredicate codeFilter(String field, boolean completions, String misfit) {
        if (field.equals("*")) {
            return completions ? code -> code / 100 == 2 : code -> code / 100 == 4 || code / 100 == 5;
        }
        Set<Integer> codes = new HashSet<>();
        Set<Integer> classes = new HashSet<>();
        for (String item : field.split(",", -1)) {
            String code = item.strip();
            Matcher codeClass = CODE_CLASS.matcher(code);
            int replyClass;
            if (CODE.matcher(code).matches()) {
                codes.add(Integer.parseInt(code));
                replyClass = code.charAt(0) - '0';
            } else if (codeClass.matches()) {
                replyClass = Integer.parseInt(codeClass.group(1));
                classes.add(replyClass);
            } else {
                throw new IllegalArgumentException("CODES item '" + code + "' is not a reply code such as 550 or a"
                        + " class such as 5xx; write '*' for any");
            }
            if (replyClass == 3 || (replyClass == 2) != completions) {
                throw new IllegalArgumentException("CODES item '" + code + "' " + misfit);
            }
        }
        return code -> codes.contains(code) || classes.contains(code / 100);
    }

    private static Pattern enhancedCodeFilter(String field) {
        if (field.equals("*")) {
            return null;
        }
        List<String> alternatives = new ArrayList<>();
        for (String item : field.split(",", -1)) {
            Matcher enhanced = ENHANCED.matcher(item.strip());
            if (!enhanced.matches()) {
                throw new IllegalArgumentException("ENHANCED item '" + item.strip() + "' is not class.subject.detail"
                        + " such as 5.7.1, with '*' for any part (RFC 3463); write '*' alone for any or none");
            }
            alternatives.add(part(enhanced.group(1)) + "\\." + part(enhanced.group(2)) + "\\." + part(enhanced.group(3)));
        }
        return Pattern.compile(String.join("|", alternatives));
    }

    private static String part(String written) {
        return written.equals("*") ? "[0-9]{1,3}" : written;
    }

    private static Pattern regex(String field) {
        try {
            return Pattern.compile(field, Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("REGEX is not a valid Java regular expression: " + e.getDescription()
                    + " near index " + e.getIndex());
        }
    }

    // As written: two patterns written alike recognise the same replies.
    @Override
    public boolean equals(Object other) {
        return other instanceof ReplyPattern that && codes.equals(that.codes)
                && enhancedCodes.equals(that.enhancedCodes) && regex().equals(that.regex());
    }

    @Override
    public int hashCode() {
        return Objects.hash(codes, enhancedCodes, regex());
    }

    @Override
    public String toString() {
        return codes + " | " + enhancedCodes + " | " + regex();
    }
}
