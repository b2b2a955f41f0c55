package org.pro380.simulate;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pro380.meter.TariffInput;

/**
 * When the 12 V tariff input holds T2 or T3, week after week in UTC:
 * {@code "T2=Mon-Fri 22:00-06:00; T3=Sat,Sun 00:00-24:00"}. A span that ends at or before its
 * start runs past midnight into the next day; the first rule that covers a moment wins; outside
 * every rule the input is off and the meter counts at its Modbus tariff (T1).
 */
public record TariffSchedule(List<Rule> rules) {

    /** No rules: the input is never set. */
    public static final TariffSchedule NONE = new TariffSchedule(List.of());

    private static final Pattern RULE =
            Pattern.compile("(T2|T3)\\s*=\\s*([A-Za-z,\\-]+)\\s+(\\d\\d:\\d\\d)-(\\d\\d:\\d\\d)");
    private static final List<String> DAY_NAMES = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    private static final long DAY = 86_400;

    public record Rule(TariffInput input, Set<DayOfWeek> days, long fromSecond, long toSecond) {
        /** Whether the rule holds {@code second} seconds into {@code day}'s span (which may run past midnight). */
        boolean covers(DayOfWeek day, long second) {
            return days.contains(day) && second >= fromSecond && second < toSecond;
        }
    }

    public TariffSchedule {
        rules = List.copyOf(rules);
    }

    public static TariffSchedule parse(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String part : text.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            Matcher m = RULE.matcher(part.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("--tariff-schedule: expected rules like 'T2=Mon-Fri 22:00-06:00',"
                        + " separated by ';', got '" + part.strip() + "'");
            }
            long from = second(m.group(3));
            long to = second(m.group(4));
            rules.add(new Rule(TariffInput.valueOf(m.group(1)), days(m.group(2)), from, to <= from ? to + DAY : to));
        }
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("--tariff-schedule: no rules given");
        }
        return new TariffSchedule(rules);
    }

    private static long second(String hhmm) {
        if (hhmm.equals("24:00")) {
            return DAY;
        }
        try {
            return LocalTime.parse(hhmm).toSecondOfDay();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--tariff-schedule: '" + hhmm + "' is not a time of day");
        }
    }

    private static Set<DayOfWeek> days(String text) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String item : text.toLowerCase(Locale.ROOT).split(",")) {
            String[] range = item.split("-");
            if (range.length > 2) {
                throw new IllegalArgumentException("--tariff-schedule: '" + item + "' is not a day or a range of days");
            }
            int from = day(range[0]);
            int to = day(range[range.length - 1]);
            for (int d = from; ; d = (d + 1) % 7) {
                days.add(DayOfWeek.of(d + 1));
                if (d == to) {
                    break;
                }
            }
        }
        return days;
    }

    private static int day(String name) {
        int i = DAY_NAMES.indexOf(name.strip().length() >= 3 ? name.strip().substring(0, 3) : name.strip());
        if (i < 0) {
            throw new IllegalArgumentException("--tariff-schedule: '" + name + "' is not a day; use Mon, Tue, ... Sun");
        }
        return i;
    }

    /** What the input holds at {@code time}. */
    TariffInput inputAt(Instant time) {
        LocalDate date = LocalDate.ofInstant(time, ZoneOffset.UTC);
        long second = time.getEpochSecond() - date.toEpochDay() * DAY;
        for (Rule rule : rules) {
            if (rule.covers(date.getDayOfWeek(), second)
                    || rule.covers(date.getDayOfWeek().minus(1), second + DAY)) {
                return rule.input();
            }
        }
        return TariffInput.NONE;
    }

    /** The first moment after {@code time} at which the input changes; a week on if it never does. */
    Instant nextChangeAfter(Instant time) {
        TariffInput now = inputAt(time);
        long today = Math.floorDiv(time.getEpochSecond(), DAY);
        TreeSet<Long> edges = new TreeSet<>();
        for (long day = today - 1; day <= today + 8; day++) {
            for (Rule rule : rules) {
                edges.add(day * DAY + rule.fromSecond());
                edges.add(day * DAY + rule.toSecond());
            }
        }
        for (long edge : edges.tailSet(time.getEpochSecond(), false)) {
            if (inputAt(Instant.ofEpochSecond(edge)) != now) {
                return Instant.ofEpochSecond(edge);
            }
        }
        return time.plus(Duration.ofDays(7));
    }
}
