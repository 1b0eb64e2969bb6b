package org.ledgermta.domain.provider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.ledgermta.domain.classification.ReplyPattern;
import org.ledgermta.domain.classification.ReplySamples;
import org.ledgermta.domain.message.SmtpReply;
import org.ledgermta.domain.retry.DurationText;

/** Reads the provider table; the format is described at the top of providers.txt. */
final class ProvidersParser {

    private static final Pattern FIELD_SEPARATOR = Pattern.compile("\\s+\\|\\s+");
    private static final Pattern SETTING = Pattern.compile("([a-z-]+)=(\\S*)");
    private static final Pattern COUNT = Pattern.compile("[0-9]{1,9}");
    private static final Pattern RATE = Pattern.compile("([0-9]{1,9})/min");
    private static final String SHAPING_SETTINGS = "connections=N messages-per-connection=N messages-per-minute=N";
    private static final String BACK_OFF_SETTINGS = "rate=N/min step=DURATION steps=N";
    private static final String BACK_OFF_FORMAT =
            "'back-off CODES | ENHANCED | REGEX | rate=N/min step=DURATION steps=N'";

    private final String source;
    private final ReplySamples samples = new ReplySamples();
    private final List<Section> sections = new ArrayList<>();
    private final List<MxPattern> patterns = new ArrayList<>();

    /** A provider section as read so far. */
    private static final class Section {
        final ProviderName name;
        final int line;
        final List<MxPattern> mxPatterns = new ArrayList<>();
        final List<BackOffRule> backOffRules = new ArrayList<>();
        Shaping shaping;
        int shapingLine;

        Section(ProviderName name, int line) {
            this.name = name;
            this.line = line;
        }
    }

    private ProvidersParser(String source) {
        this.source = source;
    }

    static Providers parse(List<String> lines, String source) {
        ProvidersParser parser = new ProvidersParser(source);
        for (int i = 0; i < lines.size(); i++) {
            parser.line(i + 1, lines.get(i) == null ? "" : lines.get(i).strip());
        }
        if (!parser.samples.isEmpty()) {
            throw parser.error(parser.samples.firstLine(), "a sample with no back-off rule below it");
        }
        return parser.finish(Math.max(1, lines.size()));
    }

    private void line(int number, String line) {
        String[] words = line.split("\\s+", 2);
        String keyword = words[0];
        boolean entry = !line.isEmpty() && !line.startsWith("#");
        if (entry && !keyword.equals("back-off") && !samples.isEmpty()) {
            throw error(samples.firstLine(), "a sample with no back-off rule below it (line " + number
                    + " is a '" + keyword + "' line)");
        }
        try {
            if (!samples.read(number, line) && entry) {
                entry(number, keyword, words.length == 2 ? words[1] : "");
            }
        } catch (IllegalArgumentException e) {
            throw error(number, e.getMessage());
        }
    }

    private void entry(int number, String keyword, String rest) {
        switch (keyword) {
            case "provider" -> provider(number, rest);
            case "mx" -> mx(number, rest);
            case "shaping" -> shaping(number, rest);
            case "back-off" -> backOff(number, rest);
            default -> throw new IllegalArgumentException("'" + keyword + "' is not a line of this table: expected"
                    + " 'provider NAME', and under it 'mx PATTERN …', 'shaping …' or 'back-off …'");
        }
    }

    private void provider(int number, String rest) {
        if (rest.isEmpty() || rest.contains(" ") || rest.contains("\t")) {
            throw new IllegalArgumentException("expected 'provider NAME', such as 'provider gmail'");
        }
        ProviderName name = new ProviderName(rest);
        for (Section section : sections) {
            if (section.name.equals(name)) {
                throw new IllegalArgumentException("provider '" + name + "' is already written on line " + section.line
                        + "; keep one section for it");
            }
        }
        sections.add(new Section(name, number));
    }

    private void mx(int number, String rest) {
        Section section = current("mx");
        if (section.name.equals(ProviderName.DEFAULT)) {
            throw new IllegalArgumentException("the default provider takes every MX host no other provider names,"
                    + " so it has no 'mx' lines");
        }
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("expected 'mx PATTERN …': host names such as mx.example.net or globs"
                    + " such as *.example.net");
        }
        for (String written : rest.split("\\s+")) {
            MxPattern pattern = MxPattern.parse(written, number);
            for (MxPattern earlier : patterns) {
                if (earlier.covers(pattern)) {
                    throw new IllegalArgumentException("mx pattern '" + pattern + "' can never match: '" + earlier
                            + "' on line " + earlier.line() + " already takes every host it would");
                }
            }
            patterns.add(pattern);
            section.mxPatterns.add(pattern);
        }
    }

    private void shaping(int number, String rest) {
        Section section = current("shaping");
        if (section.shaping != null) {
            throw new IllegalArgumentException("provider '" + section.name + "' already has a 'shaping' line, on line "
                    + section.shapingLine);
        }
        Map<String, String> settings = settings("shaping", rest, SHAPING_SETTINGS);
        section.shaping = new Shaping(count(settings, "connections"), count(settings, "messages-per-connection"),
                count(settings, "messages-per-minute"));
        section.shapingLine = number;
    }

    private void backOff(int number, String rest) {
        Section section = current("back-off");
        List<MatchResult> separators = FIELD_SEPARATOR.matcher(rest).results().toList();
        if (separators.size() < 3) {
            throw new IllegalArgumentException("expected " + BACK_OFF_FORMAT + ": four fields separated by ' | ',"
                    + " found " + (separators.size() + 1));
        }
        MatchResult last = separators.get(separators.size() - 1);
        // The regex may itself hold " | ": it is everything between the second separator and the last.
        String regex = rest.substring(separators.get(1).end(), last.start());
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("the back-off rule has no '# sample: ' line above it; write the real"
                    + " reply it is for");
        }
        ReplyPattern pattern = ReplyPattern.ofFailures(rest.substring(0, separators.get(0).start()),
                rest.substring(separators.get(0).end(), separators.get(1).start()), regex);
        Map<String, String> settings = settings("back-off", rest.substring(last.end()), BACK_OFF_SETTINGS);
        Matcher rate = RATE.matcher(settings.get("rate"));
        if (!rate.matches()) {
            throw new IllegalArgumentException("rate=" + settings.get("rate") + " is not a rate: expected messages a"
                    + " minute, such as rate=20/min");
        }
        Duration step = DurationText.parse(settings.get("step"), "step");
        List<SmtpReply> checked = samples.takeFor(pattern::matches);
        for (SmtpReply sample : checked) {
            for (BackOffRule earlier : section.backOffRules) {
                if (earlier.matches(sample)) {
                    throw new IllegalArgumentException("the earlier back-off rule on line " + earlier.line()
                            + " takes this rule's sample '" + sample + "'; put the narrower rule first");
                }
            }
        }
        section.backOffRules.add(new BackOffRule(number, section.name, pattern, Integer.parseInt(rate.group(1)), step,
                count(settings, "steps"), checked, source));
    }

    private Section current(String keyword) {
        if (sections.isEmpty()) {
            throw new IllegalArgumentException("'" + keyword + "' must follow a 'provider NAME' line");
        }
        return sections.get(sections.size() - 1);
    }

    /** "key=value …" with each key of the expected settings exactly once, in any order. */
    private static Map<String, String> settings(String kind, String written, String expected) {
        List<String> keys = SETTING.matcher(expected).results().map(key -> key.group(1)).toList();
        Map<String, String> settings = new LinkedHashMap<>();
        for (String item : written.strip().split("\\s+")) {
            if (item.isEmpty()) {
                continue;
            }
            Matcher setting = SETTING.matcher(item);
            if (!setting.matches() || !keys.contains(setting.group(1))) {
                throw new IllegalArgumentException("'" + item + "' is not a " + kind + " setting: expected "
                        + expected);
            }
            if (settings.put(setting.group(1), setting.group(2)) != null) {
                throw new IllegalArgumentException(kind + " setting '" + setting.group(1) + "' is written twice");
            }
        }
        for (String key : keys) {
            if (!settings.containsKey(key)) {
                throw new IllegalArgumentException(kind + " setting '" + key + "' is missing: expected " + expected);
            }
        }
        return settings;
    }

    private static int count(Map<String, String> settings, String key) {
        String value = settings.get(key);
        if (!COUNT.matcher(value).matches()) {
            throw new IllegalArgumentException(key + "=" + value + " is not a whole number");
        }
        return Integer.parseInt(value);
    }

    private Providers finish(int lastLine) {
        Section fallback = sections.stream().filter(section -> section.name.equals(ProviderName.DEFAULT)).findFirst()
                .orElseThrow(() -> error(lastLine, "the table has no 'provider default' section; write one with a"
                        + " 'shaping' line: it shapes every MX host no other provider names"));
        if (fallback.shaping == null) {
            throw error(fallback.line, "the default provider has no 'shaping' line; it shapes every MX host no other"
                    + " provider names, so it needs one");
        }
        List<Provider> providers = new ArrayList<>();
        for (Section section : sections) {
            if (section.mxPatterns.isEmpty() && section != fallback) {
                throw error(section.line, "provider '" + section.name + "' has no 'mx' line, so no MX host is ever"
                        + " its; add 'mx PATTERN …'");
            }
            providers.add(new Provider(section.name, section.mxPatterns,
                    section.shaping == null ? fallback.shaping : section.shaping, section.backOffRules));
        }
        return new Providers(providers);
    }

    private IllegalArgumentException error(int number, String problem) {
        return new IllegalArgumentException(source + " line " + number + ": " + problem
                + (problem.endsWith(".") ? "" : "."));
    }
}
