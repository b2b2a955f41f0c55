package org.pro380.twin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pro380.meter.Load;
import org.pro380.meter.PhaseLoad;
import org.pro380.meter.TariffInput;
import org.pro380.registers.Registers;
import org.pro380.twin.Twin;
import org.pro380.twin.TwinConfig;
import org.pro380.twin.TwinMeter;
import org.pro380.twin.TwinStartException;

/**
 * The control API of a site: 12 meters on buses of 5 (bus 3 holds 2), a real twin with only its
 * HTTP listener. {@code /api/meters} and {@code /api/meters/{k}/...}; the {@code /api/...} calls
 * stay meter 1's.
 */
@Timeout(30)
class SiteApiTest {

    private static final String LOAD_16A = "{\"frequency\":50,\"phases\":["
            + "{\"voltage\":230,\"current\":16,\"powerFactor\":1},"
            + "{\"voltage\":230,\"current\":16,\"powerFactor\":1},"
            + "{\"voltage\":230,\"current\":16,\"powerFactor\":1}]}";
    private static final PhaseLoad SIXTEEN = PhaseLoad.importing(230, 16, 1);
    private static final Load LOAD_16A_LOAD = new Load(50, List.of(SIXTEEN, SIXTEEN, SIXTEEN));

    @TempDir
    Path state;

    Twin twin;
    ApiClient client;

    @BeforeEach
    void startSite() throws TwinStartException {
        twin = Twin.start(TwinConfig.forTests(state)
                .tcp(null)
                .rtuTcp(null)
                .meters(12)
                .busSize(5)
                .build());
        client = new ApiClient(twin.httpAddress().orElseThrow().getPort());
    }

    @AfterEach
    void stopSite() {
        twin.close();
    }

    @Test
    void listHasEveryMeterWithItsPlaceIdentityAndValues() {
        JsonNode list = ok(client.get("/api/meters"));

        assertThat(list.get("total").intValue()).isEqualTo(12);
        assertThat(list.get("offset").intValue()).isZero();
        assertThat(list.get("limit").intValue()).isEqualTo(100);
        assertThat(list.get("sort").textValue()).isEqualTo("index");
        assertThat(list.get("order").textValue()).isEqualTo("asc");
        assertThat(indexes(list)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        JsonNode seventh = list.get("meters").get(6);
        assertThat(seventh.get("bus").intValue()).isEqualTo(2);
        assertThat(seventh.get("unitId").intValue()).isEqualTo(2);
        assertThat(list.get("meters").get(11).get("bus").intValue()).isEqualTo(3);
        for (JsonNode row : list.get("meters")) {
            TwinMeter meter = twin.meter(row.get("index").intValue());
            assertThat(row.get("serial").intValue())
                    .isEqualTo(meter.reading().identity().serialNumber());
            assertThat(row.get("powered").booleanValue()).isTrue();
            assertThat(row.get("activePower").asText())
                    .as("the f32's shortest text")
                    .isEqualTo(Float.toString((float) activePower(meter)));
            assertThat(row.get("activeEnergy").isNumber()).as(row.toString()).isTrue();
        }
        assertThat(IntStream.rangeClosed(1, 12)
                        .map(k -> twin.meter(k).reading().identity().serialNumber())
                        .distinct())
                .as("serial numbers")
                .hasSize(12);
    }

    @Test
    void totalsAreOverEveryMeterWhateverThePage() {
        // each row's value is the f32's shortest text: the totals are the sum of those
        double sum = twin.meters().stream()
                .mapToDouble(m -> Double.parseDouble(Float.toString((float) activePower(m))))
                .sum();

        JsonNode page = ok(client.get("/api/meters?offset=3&limit=2"));
        JsonNode all = ok(client.get("/api/meters"));

        assertThat(page.get("meters")).hasSize(2);
        assertThat(page.at("/totals/powered").intValue()).isEqualTo(12);
        assertThat(page.at("/totals/activePower").doubleValue()).isCloseTo(sum, within(1e-9));
        assertThat(page.at("/totals/energyUnknown").intValue()).isZero();
        // the totals and the rows of one answer are of one moment
        double energy = 0;
        for (JsonNode row : all.get("meters")) {
            energy += row.get("activeEnergy").doubleValue();
        }
        assertThat(all.at("/totals/activeEnergy").doubleValue()).isCloseTo(energy, within(1e-9));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = ';',
            value = {
                "?offset=10&limit=5; 11,12",
                "?offset=12; ''",
                "?offset=1000000; ''",
                "?limit=0; ''",
                "?limit=3&sort=bus&order=desc; 11,12,6",
                "?sort=unitId&limit=4; 1,6,11,2",
                "?sort=index&order=desc&limit=2; 12,11"
            })
    void pagesAndOrders(String query, String expected) {
        JsonNode list = ok(client.get("/api/meters" + query));

        List<Integer> want = expected.isEmpty()
                ? List.of()
                : Arrays.stream(expected.split(",")).map(Integer::valueOf).toList();
        assertThat(indexes(list)).containsExactlyElementsOf(want);
        assertThat(list.get("total").intValue()).isEqualTo(12);
    }

    @Test
    void sortByActivePowerIsOverTheWholeSite() {
        Comparator<TwinMeter> ascending = Comparator.comparingDouble(SiteApiTest::activePower);
        List<Integer> highest = twin.meters().stream()
                .sorted(ascending.reversed().thenComparingInt(TwinMeter::index))
                .limit(3)
                .map(TwinMeter::index)
                .toList();
        List<Integer> lowest = twin.meters().stream()
                .sorted(ascending.thenComparingInt(TwinMeter::index))
                .limit(1)
                .map(TwinMeter::index)
                .toList();

        JsonNode first = ok(client.get("/api/meters?sort=activePower&order=desc&limit=3"));
        JsonNode last = ok(client.get("/api/meters?sort=activePower&order=asc&limit=1"));

        assertThat(indexes(first)).containsExactlyElementsOf(highest);
        assertThat(indexes(last)).containsExactlyElementsOf(lowest);
    }

    @Test
    void aMeterWithoutPowerCountsNoPowerAndSortsAsIdle() {
        assertThat(client.post("/api/meters/3/power", "{\"on\":false}").statusCode())
                .isEqualTo(200);

        JsonNode list = ok(client.get("/api/meters?sort=activePower&limit=1"));
        JsonNode third =
                ok(client.get("/api/meters?offset=2&limit=1")).get("meters").get(0);

        assertThat(twin.meter(3).meter().powered()).isFalse();
        assertThat(indexes(list)).containsExactly(3);
        assertThat(third.get("powered").booleanValue()).isFalse();
        assertThat(third.get("activePower").doubleValue()).isZero();
        assertThat(list.at("/totals/powered").intValue()).isEqualTo(11);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "offset=-1| offset must be a whole number from 0 to 2147483647, got \"-1\"",
                "offset=x| offset must be a whole number from 0 to 2147483647, got \"x\"",
                "offset=99999999999| offset must be a whole number from 0 to 2147483647, got \"99999999999\"",
                "limit=1001| limit must be a whole number from 0 to 1000, got \"1001\"",
                "limit=| limit must be a whole number from 0 to 1000, got \"\"",
                "limit=2.5| limit must be a whole number from 0 to 1000, got \"2.5\"",
                "sort=power| sort must be one of index, bus, unitId, serial, powered, activePower, activeEnergy, got \"power\"",
                "order=up| order must be asc or desc, got \"up\"",
                "page=2| unknown query parameter \"page\"; GET /api/meters takes offset, limit, sort, order",
                "limit=1&limit=2| limit is given 2 times; give it once"
            })
    void badQueryIsABadRequestWithOneLine(String query, String error) {
        HttpResponse<String> response = client.get("/api/meters?" + query);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(ApiClient.error(response)).isEqualTo(error);
    }

    @Test
    void stateOfMeterKIsThatMetersWithItsPlace() {
        JsonNode seventh = ok(client.get("/api/meters/7/state"));
        JsonNode alias = ok(client.get("/api/state"));

        assertThat(seventh.get("meter").intValue()).isEqualTo(7);
        assertThat(seventh.get("bus").intValue()).isEqualTo(2);
        assertThat(seventh.get("unitId").intValue()).isEqualTo(2);
        assertThat(seventh.at("/registers/serial-number/value").intValue())
                .isEqualTo(twin.meter(7).reading().identity().serialNumber());
        assertThat(seventh.at("/registers/active-power/value").floatValue())
                .as("the f32 the register holds")
                .isEqualTo((float) activePower(twin.meter(7)));
        assertThat(alias.get("meter").intValue()).isEqualTo(1);
        assertThat(alias.at("/registers/serial-number/value").intValue())
                .isEqualTo(twin.meter(1).reading().identity().serialNumber());
    }

    @Test
    void changesToMeterKChangeOnlyMeterK() {
        Load eighthBefore = twin.meter(8).load();
        Load firstBefore = twin.meter(1).load();

        HttpResponse<String> load = client.put("/api/meters/7/load", LOAD_16A);
        HttpResponse<String> tariff = client.put("/api/meters/7/tariff-input", "{\"input\":\"T3\"}");
        HttpResponse<String> cycle = client.put("/api/meters/7/registers/lcd-cycle-time", "{\"value\":30}");
        HttpResponse<String> power = client.post("/api/meters/7/power", "{\"on\":false}");

        for (HttpResponse<String> r : List.of(load, tariff, cycle, power)) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(ApiClient.json(r).get("meter").intValue()).isEqualTo(7);
        }
        TwinMeter seventh = twin.meter(7);
        assertThat(seventh.load()).isEqualTo(LOAD_16A_LOAD);
        assertThat(seventh.reading().tariffInput()).isEqualTo(TariffInput.T3);
        assertThat(seventh.reading().settings().lcdCycleSeconds()).isEqualTo(30);
        assertThat(seventh.meter().powered()).isFalse();
        for (int k : List.of(1, 6, 8)) {
            TwinMeter other = twin.meter(k);
            assertThat(other.reading().tariffInput()).as("meter %d", k).isEqualTo(TariffInput.NONE);
            assertThat(other.reading().settings().lcdCycleSeconds())
                    .as("meter %d", k)
                    .isNotEqualTo(30);
            assertThat(other.meter().powered()).as("meter %d", k).isTrue();
        }
        assertThat(twin.meter(8).load()).isEqualTo(eighthBefore);
        assertThat(twin.meter(1).load()).isEqualTo(firstBefore);
    }

    @Test
    void theApiCallsWithoutAMeterActOnMeterOne() {
        assertThat(client.put("/api/tariff-input", "{\"input\":\"T2\"}").statusCode())
                .isEqualTo(200);

        assertThat(twin.meter(1).reading().tariffInput()).isEqualTo(TariffInput.T2);
        assertThat(twin.meter(2).reading().tariffInput()).isEqualTo(TariffInput.NONE);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0", "13", "01", "-1", "x", "1e1", "99999999999"})
    void aMeterThatIsNotThereIsNotFound(String k) {
        HttpResponse<String> get = client.get("/api/meters/" + k + "/state");
        HttpResponse<String> put = client.put("/api/meters/" + k + "/load", LOAD_16A);

        assertThat(get.statusCode()).as(get.body()).isEqualTo(404);
        assertThat(ApiClient.error(get)).isEqualTo("no meter \"" + k + "\": the meters of this site are 1 to 12");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(404);
        assertThat(twin.meters()).noneMatch(m -> m.load().equals(LOAD_16A_LOAD));
    }

    @Test
    void oneLoadOnEveryMeter() {
        HttpResponse<String> response = client.put("/api/meters/load?limit=2", LOAD_16A);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(twin.meters()).allMatch(m -> m.load().equals(LOAD_16A_LOAD));
        JsonNode list = ApiClient.json(response);
        assertThat(indexes(list)).containsExactly(1, 2);
        // 3 x 230 V x 16 A = 11.04 kW a meter
        assertThat(list.at("/meters/0/activePower").doubleValue()).isCloseTo(11.04, within(1e-9));
        assertThat(list.at("/totals/activePower").doubleValue()).isCloseTo(12 * 11.04, within(1e-6));
    }

    @Test
    void aBadLoadForEveryMeterChangesNone() {
        List<Load> before = twin.meters().stream().map(TwinMeter::load).toList();

        HttpResponse<String> response = client.put(
                "/api/meters/load",
                LOAD_16A.replace(
                        "\"voltage\":230,\"current\":16,\"powerFactor\":1}]",
                        "\"voltage\":600,\"current\":16,\"powerFactor\":1}]"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(ApiClient.error(response)).isEqualTo("phases[2]: voltage must be <= 500 V, got 600.0");
        assertThat(twin.meters().stream().map(TwinMeter::load).toList()).isEqualTo(before);
    }

    @Test
    void wrongMethodsOnTheSiteCallsAreNotAllowed() {
        HttpResponse<String> postList = client.post("/api/meters", "{}");
        HttpResponse<String> getLoad = client.get("/api/meters/load");

        assertThat(postList.statusCode()).isEqualTo(405);
        assertThat(postList.headers().firstValue("Allow")).hasValue("GET");
        assertThat(getLoad.statusCode()).isEqualTo(405);
        assertThat(getLoad.headers().firstValue("Allow")).hasValue("PUT");
    }

    @Test
    void eventsOfMeterKCarryMeterKsState() throws IOException {
        try (EventStreamClient events = EventStreamClient.open(client.port(), "/api/meters/7/events", "HTTP/1.1");
                EventStreamClient first = EventStreamClient.open(client.port(), "/api/events", "HTTP/1.1")) {
            events.next();
            first.next();

            JsonNode opening = ApiClient.json(events.next().data());
            JsonNode firstOpening = ApiClient.json(first.next().data());
            assertThat(client.put("/api/meters/7/load", LOAD_16A).statusCode()).isEqualTo(200);
            JsonNode later = ApiClient.json(events.next().data());
            while (later.at("/registers/current-l2/value").doubleValue() != 16.0) {
                later = ApiClient.json(events.next().data());
            }
            JsonNode firstLater = ApiClient.json(first.next().data());

            assertThat(events.status).isEqualTo(200);
            assertThat(opening.get("meter").intValue()).isEqualTo(7);
            assertThat(later.get("meter").intValue()).isEqualTo(7);
            assertThat(firstOpening.get("meter").intValue()).isEqualTo(1);
            assertThat(firstLater.get("meter").intValue()).isEqualTo(1);
            assertThat(firstLater.at("/registers/current-l2/value").doubleValue())
                    .isNotEqualTo(16.0);
        }
    }

    @Test
    void eventsOfAMeterThatIsNotThereAreNotFound() throws IOException {
        try (EventStreamClient events = EventStreamClient.open(client.port(), "/api/meters/13/events", "HTTP/1.1")) {
            assertThat(events.status).isEqualTo(404);
        }
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ApiClient.json(response);
    }

    private static List<Integer> indexes(JsonNode list) {
        List<Integer> indexes = new ArrayList<>();
        list.get("meters").forEach(row -> indexes.add(row.get("index").intValue()));
        return indexes;
    }

    private static double activePower(TwinMeter meter) {
        return (Double) meter.reading().value(Registers.ACTIVE_POWER);
    }
}
