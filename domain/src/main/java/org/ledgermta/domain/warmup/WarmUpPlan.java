package org.ledgermta.domain.warmup;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.ledgermta.domain.provider.ProviderName;

/**
 * How much a new egress IP may send to each provider a day as it ages: receivers judge an IP by its history, and
 * one with none that suddenly sends thousands is treated as a spammer's. The plan has steps for every provider
 * and may give a provider steps of its own.
 *
 * The text form, for the configuration and for events, is "0d=50,4d=100,…,44d=unlimited; microsoft: 0d=20,…":
 * the steps for every provider, then "; PROVIDER: STEPS" for each provider with steps of its own. A step is
 * "DAYSd=CAP", from that age in days on, with CAP a number of messages or "unlimited"; the first step is 0d and the
 * days increase. "none" stands for 0d=unlimited: no cap at any age, for a seasoned IP.
 */
public final class WarmUpPlan {

    private static final String NONE = "none";
    private static final List<WarmUpStep> NO_CAP = List.of(new WarmUpStep(0, new DailyCap.Unlimited()));
    private static final Pattern SECTION = Pattern.compile("(?:([^:]*):)?(.*)", Pattern.DOTALL);
    private static final Pattern STEP = Pattern.compile("([0-9]{1,9})d\\s*=\\s*([0-9]{1,18}|unlimited)");
    private static final String FORMAT = "expected steps such as '0d=50,4d=100,8d=200,44d=unlimited', or 'none',"
            + " then '; PROVIDER: STEPS' for a provider with steps of its own";

    /*
     * 50 a day, doubling every 4 days, uncapped from day 44: about six weeks, the span the large providers' sender
     * guidance suggests. Microsoft has no gentler start of its own: SNDS reports an IP only from about 100 messages
     * a day, so a smaller start would only postpone Microsoft's view of it, and Microsoft throttles a young IP itself
     * (451 4.7.500, 4.7.650), which the back-off rules in providers.txt obey.
     */
    private static final WarmUpPlan STANDARD = parse("0d=50,4d=100,8d=200,12d=400,16d=800,20d=1600,24d=3200,"
            + "28d=6400,32d=12800,36d=25600,40d=51200,44d=unlimited");
    private static final WarmUpPlan NONE_PLAN = new WarmUpPlan(NO_CAP, Map.of());

    private final List<WarmUpStep> everyProvider;
    private final Map<ProviderName, List<WarmUpStep>> ownSteps;

    private WarmUpPlan(List<WarmUpStep> everyProvider, Map<ProviderName, List<WarmUpStep>> ownSteps) {
        this.everyProvider = List.copyOf(everyProvider);
        // Sorted by name, so that equal plans have the same text.
        this.ownSteps = new TreeMap<>(Comparator.comparing(ProviderName::value));
        ownSteps.forEach((provider, steps) -> this.ownSteps.put(provider, List.copyOf(steps)));
    }

    public static WarmUpPlan standard() {
        return STANDARD;
    }

    /** No cap at any age: for IPs with a sending history of their own. */
    public static WarmUpPlan none() {
        return NONE_PLAN;
    }

    /** Reads the text form (see the class comment); errors quote the text and say what is expected. */
    public static WarmUpPlan parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("The warm-up plan is empty: " + FORMAT + ".");
        }
        String[] sections = text.split(";", -1);
        List<WarmUpStep> everyProvider = null;
        Map<ProviderName, List<WarmUpStep>> ownSteps = new TreeMap<>(Comparator.comparing(ProviderName::value));
        for (int i = 0; i < sections.length; i++) {
            Matcher section = SECTION.matcher(sections[i].strip());
            section.matches();
            String name = section.group(1) == null ? null : section.group(1).strip();
            List<WarmUpStep> steps = steps(text, section.group(2).strip());
            if (i == 0) {
                if (name != null && !name.equals(ProviderName.DEFAULT.value())) {
                    throw invalid(text, "it starts with steps for '" + name + "', but the steps for every provider"
                            + " come first, without a name");
                }
                everyProvider = steps;
            } else {
                ProviderName provider = provider(text, name);
                if (ownSteps.put(provider, steps) != null) {
                    throw invalid(text, "provider '" + provider + "' has two sections; keep one");
                }
            }
        }
        return new WarmUpPlan(everyProvider, ownSteps);
    }

    private static ProviderName provider(String text, String name) {
        if (name == null) {
            throw invalid(text, "a section after the first has no provider; write 'PROVIDER: STEPS'");
        }
        ProviderName provider;
        try {
            provider = new ProviderName(name);
        } catch (IllegalArgumentException e) {
            throw invalid(text, e.getMessage());
        }
        if (provider.equals(ProviderName.DEFAULT)) {
            throw invalid(text, "'default:' names the steps for every provider, which come first, without a name");
        }
        return provider;
    }

    private static List<WarmUpStep> steps(String text, String written) {
        if (written.equals(NONE)) {
            return NO_CAP;
        }
        List<WarmUpStep> steps = new ArrayList<>();
        for (String item : written.split(",", -1)) {
            Matcher step = STEP.matcher(item.strip());
            if (!step.matches()) {
                throw invalid(text, "'" + item.strip() + "' is not a step: expected DAYSd=CAP such as 4d=100 or"
                        + " 44d=unlimited");
            }
            long day = Long.parseLong(step.group(1));
            if (steps.isEmpty() && day != 0) {
                throw invalid(text, "the first step is " + day + "d; it must be 0d, the cap from the IP's first day");
            }
            if (!steps.isEmpty() && day <= steps.get(steps.size() - 1).fromDay()) {
                throw invalid(text, "step " + day + "d comes after " + steps.get(steps.size() - 1).fromDay()
                        + "d; the days must increase");
            }
            DailyCap cap = step.group(2).equals("unlimited") ? new DailyCap.Unlimited()
                    : new DailyCap.Limited(Long.parseLong(step.group(2)));
            steps.add(new WarmUpStep(day, cap));
        }
        return steps;
    }

    private static IllegalArgumentException invalid(String text, String problem) {
        return new IllegalArgumentException("Warm-up plan '" + text + "': " + problem
                + (problem.endsWith(".") ? "" : "."));
    }

    /** Days from the IP's first day (day 0) to today; negative if it starts later. */
    public static long ageInDays(LocalDate startedOn, LocalDate today) {
        return ChronoUnit.DAYS.between(startedOn, today);
    }

    /** The provider's cap for an IP of that age; an age below 0 counts as the first day. */
    public DailyCap capFor(ProviderName provider, long ageInDays) {
        List<WarmUpStep> steps = steps(provider);
        long age = Math.max(0, ageInDays);
        WarmUpStep current = steps.get(0);
        for (WarmUpStep step : steps) {
            if (step.fromDay() > age) {
                break;
            }
            current = step;
        }
        return current.cap();
    }

    /** The provider's own steps, else the steps for every provider. */
    public List<WarmUpStep> steps(ProviderName provider) {
        Objects.requireNonNull(provider, "provider is required");
        return ownSteps.getOrDefault(provider, everyProvider);
    }

    /** No cap for any provider at any age. */
    public boolean isNone() {
        return everyProvider.equals(NO_CAP) && ownSteps.values().stream().allMatch(NO_CAP::equals);
    }

    public String text() {
        StringBuilder text = new StringBuilder(text(everyProvider));
        ownSteps.forEach((provider, steps) -> text.append("; ").append(provider).append(": ").append(text(steps)));
        return text.toString();
    }

    private static String text(List<WarmUpStep> steps) {
        return steps.equals(NO_CAP) ? NONE : steps.stream().map(WarmUpStep::text).collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WarmUpPlan that && everyProvider.equals(that.everyProvider)
                && ownSteps.equals(that.ownSteps);
    }

    @Override
    public int hashCode() {
        return Objects.hash(everyProvider, ownSteps);
    }

    @Override
    public String toString() {
        return text();
    }
}
