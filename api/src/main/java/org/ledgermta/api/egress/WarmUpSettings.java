package org.ledgermta.api.egress;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.warmup.WarmUpPlan;

/**
 * The warm-up configuration, checked at start-up: every plan parses, every per-IP entry names a known plan and
 * a real date. Errors name the key and what to write instead.
 */
public final class WarmUpSettings {

    /** A per-IP plan: its text, and the day its warm-up started (empty: the day the IP was added). */
    public record IpPlan(String plan, Optional<LocalDate> startedOn) {
    }

    private final Map<String, String> named;
    private final String defaultPlan;
    private final Map<EgressIpAddress, IpPlan> perIp;

    private WarmUpSettings(Map<String, String> named, String defaultPlan, Map<EgressIpAddress, IpPlan> perIp) {
        this.named = named;
        this.defaultPlan = defaultPlan;
        this.perIp = perIp;
    }

    /** The text of a plan given by name (standard, none, one of mta.warm-up.plans) or as text. */
    public String resolve(String nameOrText) {
        String byName = named.get(nameOrText.strip());
        return byName != null ? byName : plan("the warm-up plan", nameOrText);
    }

    public static WarmUpSettings of(WarmUpProperties properties) {
        Map<String, String> named = new HashMap<>();
        properties.plans().forEach((name, text) -> named.put(name, plan("mta.warm-up.plans." + name, text)));
        named.putIfAbsent("standard", WarmUpPlan.standard().text());
        named.putIfAbsent("none", WarmUpPlan.none().text());
        String defaultPlan = named.containsKey(properties.defaultPlan()) ? named.get(properties.defaultPlan())
                : plan("mta.warm-up.default-plan", properties.defaultPlan());
        Map<EgressIpAddress, IpPlan> perIp = new HashMap<>();
        for (String entry : properties.ips().split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] ipAndPlan = entry.strip().split("=", 2);
            if (ipAndPlan.length != 2) {
                throw new IllegalArgumentException("mta.warm-up.ips: '" + entry.strip()
                        + "' is not ip=plan; write for example 192.0.2.10=standard or 192.0.2.10=none@2026-11-01");
            }
            EgressIpAddress ip;
            try {
                ip = new EgressIpAddress(ipAndPlan[0].strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("mta.warm-up.ips: '" + entry.strip() + "': " + e.getMessage());
            }
            String[] planAndDay = ipAndPlan[1].strip().split("@", 2);
            String text = named.get(planAndDay[0].strip());
            if (text == null) {
                throw new IllegalArgumentException("mta.warm-up.ips: '" + entry.strip() + "' names the plan '"
                        + planAndDay[0].strip() + "', which is neither standard, none nor one of mta.warm-up.plans "
                        + named.keySet());
            }
            Optional<LocalDate> startedOn;
            try {
                startedOn = planAndDay.length == 2 ? Optional.of(LocalDate.parse(planAndDay[1].strip()))
                        : Optional.empty();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("mta.warm-up.ips: '" + entry.strip()
                        + "': the start day must be yyyy-mm-dd, such as 2026-11-01");
            }
            perIp.put(ip, new IpPlan(text, startedOn));
        }
        return new WarmUpSettings(Map.copyOf(named), defaultPlan, Map.copyOf(perIp));
    }

    /** The text of the plan a newly added IP gets. */
    public String defaultPlan() {
        return defaultPlan;
    }

    /** The plan configured for this IP by mta.warm-up.ips, if any. */
    public Optional<IpPlan> planOf(EgressIpAddress ip) {
        return Optional.ofNullable(perIp.get(ip));
    }

    private static String plan(String key, String text) {
        try {
            return WarmUpPlan.parse(text).text();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": '" + text + "' is not a warm-up plan: " + e.getMessage());
        }
    }
}
