package org.pro380.twin.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.pro380.client.format.ValueText;
import org.pro380.meter.MeterReading;
import org.pro380.meter.RegisterAccessException;
import org.pro380.registers.Registers;
import org.pro380.twin.SiteMeter;

/**
 * The document of {@code GET /api/meters}: one row per meter, sorted over the whole site and cut to
 * one page, with the totals of every meter.
 *
 * <pre>
 * {"total": 10000, "offset": 0, "limit": 100, "sort": "index", "order": "asc",
 *  "totals": {"powered": 10000, "activePower": 37612.5, "activeEnergy": 1234.56, "energyUnknown": 0},
 *  "meters": [{"index": 1, "bus": 1, "unitId": 1, "serial": 22091039, "powered": true,
 *              "activePower": 3.76, "activeEnergy": 0.12}, ...]}
 * </pre>
 *
 * Every meter is read once per request (a reading is a few microseconds), so the totals and the
 * order are of one moment and need no cache; only the page is written out.
 */
final class MeterList {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final List<String> PARAMETERS = List.of("offset", "limit", "sort", "order");

    private MeterList() {}

    /**
     * One meter as the list shows it. A meter without power measures nothing: its active power is
     * 0. Its active energy is register 0x6000 as the meter shows it, null while a storage error
     * leaves it unknown (ERR 80, ERR 0F).
     */
    record Row(int index, int bus, int unitId, int serial, boolean powered, double activePower, Double activeEnergy) {

        static Row of(SiteMeter meter) {
            MeterReading reading = meter.reading();
            double power = reading.powered() ? held(reading.value(Registers.ACTIVE_POWER)) : 0;
            return new Row(
                    meter.index(),
                    meter.bus(),
                    reading.settings().unitId(),
                    reading.identity().serialNumber(),
                    reading.powered(),
                    power,
                    activeEnergy(reading));
        }

        private static Double activeEnergy(MeterReading reading) {
            try {
                reading.words(Registers.ACTIVE_ENERGY.address(), Registers.ACTIVE_ENERGY.words());
            } catch (RegisterAccessException e) {
                return null;
            }
            return held(reading.value(Registers.ACTIVE_ENERGY));
        }

        /** An f32 register's value as the meter holds it, so that the JSON shows its shortest text (3.2). */
        private static double held(Object f32) {
            return ValueText.decimal((Double) f32).doubleValue();
        }
    }

    /** What a row can be sorted by: its field of the same name. Ties go by index. */
    enum Sort {
        INDEX("index", r -> (double) r.index()),
        BUS("bus", r -> (double) r.bus()),
        UNIT_ID("unitId", r -> (double) r.unitId()),
        SERIAL("serial", r -> (double) r.serial()),
        POWERED("powered", r -> r.powered() ? 1.0 : 0.0),
        ACTIVE_POWER("activePower", Row::activePower),
        ACTIVE_ENERGY("activeEnergy", Row::activeEnergy);

        final String field;
        private final Function<Row, Double> key;

        Sort(String field, Function<Row, Double> key) {
            this.field = field;
            this.key = key;
        }

        /** Unknown values (null) come last in either order. */
        Comparator<Row> order(boolean descending) {
            Comparator<Double> values = descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
            return Comparator.comparing(key, Comparator.nullsLast(values)).thenComparingInt(Row::index);
        }

        static String names() {
            return Arrays.stream(values()).map(s -> s.field).collect(Collectors.joining(", "));
        }
    }

    /** The page asked for: {@code ?offset=0&limit=100&sort=index&order=asc}, each optional. */
    record Query(int offset, int limit, Sort sort, boolean descending) {

        static Query parse(Map<String, List<String>> query) throws ApiException {
            QueryParameters.check(query, PARAMETERS, "GET /api/meters");
            int offset = (int) QueryParameters.whole(query, "offset", 0, Integer.MAX_VALUE, 0);
            int limit = (int) QueryParameters.whole(query, "limit", 0, MAX_LIMIT, DEFAULT_LIMIT);
            Sort sort = Sort.INDEX;
            Optional<String> sortName = QueryParameters.one(query, "sort");
            if (sortName.isPresent()) {
                sort = Arrays.stream(Sort.values())
                        .filter(s -> s.field.equals(sortName.get()))
                        .findFirst()
                        .orElseThrow(() -> ApiException.badRequest(
                                "sort must be one of " + Sort.names() + ", got \"" + sortName.get() + "\""));
            }
            String order = QueryParameters.one(query, "order").orElse("asc");
            if (!order.equals("asc") && !order.equals("desc")) {
                throw ApiException.badRequest("order must be asc or desc, got \"" + order + "\"");
            }
            return new Query(offset, limit, sort, order.equals("desc"));
        }
    }

    /** The document for {@code query} over {@code meters} (meter k at index k - 1), read now. */
    static ObjectNode of(List<? extends SiteMeter> meters, Query query) {
        List<Row> rows = new ArrayList<>(meters.size());
        for (SiteMeter meter : meters) {
            rows.add(Row.of(meter));
        }
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("total", rows.size());
        doc.put("offset", query.offset());
        doc.put("limit", query.limit());
        doc.put("sort", query.sort().field);
        doc.put("order", query.descending() ? "desc" : "asc");
        doc.set("totals", totals(rows));
        rows.sort(query.sort().order(query.descending()));
        ArrayNode page = doc.putArray("meters");
        int end = (int) Math.min(rows.size(), (long) query.offset() + query.limit());
        for (int i = query.offset(); i < end; i++) {
            page.add(row(rows.get(i)));
        }
        return doc;
    }

    /** Over every meter: how many have power, their active power, and the energy of those whose energy is known. */
    private static ObjectNode totals(List<Row> rows) {
        int powered = 0;
        int unknown = 0;
        double power = 0;
        double energy = 0;
        for (Row r : rows) {
            powered += r.powered() ? 1 : 0;
            power += r.activePower();
            if (r.activeEnergy() == null) {
                unknown++;
            } else {
                energy += r.activeEnergy();
            }
        }
        return Json.MAPPER
                .createObjectNode()
                .put("powered", powered)
                .put("activePower", power)
                .put("activeEnergy", energy)
                .put("energyUnknown", unknown);
    }

    private static ObjectNode row(Row r) {
        return Json.MAPPER
                .createObjectNode()
                .put("index", r.index())
                .put("bus", r.bus())
                .put("unitId", r.unitId())
                .put("serial", r.serial())
                .put("powered", r.powered())
                .put("activePower", r.activePower())
                .put("activeEnergy", r.activeEnergy());
    }
}
