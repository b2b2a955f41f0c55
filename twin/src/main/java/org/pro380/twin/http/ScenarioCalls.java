package org.pro380.twin.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.pro380.profile.JsonFields;
import org.pro380.twin.TwinSite;
import org.pro380.twin.scenario.Playback;
import org.pro380.twin.scenario.Scenario;
import org.pro380.twin.scenario.ScenarioJson;
import org.pro380.twin.scenario.ScenarioRunner;
import org.pro380.twin.scenario.Scenarios;
import org.pro380.twin.scenario.Step;

/**
 * {@code /api/scenario}: the scenario the site plays (docs/scenarios.md). {@code POST} plays the
 * body's scenario (or a shipped one: {@code {"name":"noisy-bus"}} without steps), replacing the
 * one playing; {@code DELETE} stops it (what it set stays); each answers how it stands.
 */
final class ScenarioCalls {

    private ScenarioCalls() {}

    static ApiResponse get(TwinSite site) throws ApiException {
        return ApiResponse.json(200, status(runner(site).status()));
    }

    static ApiResponse post(TwinSite site, ApiRequest request) throws ApiException {
        ScenarioRunner runner = runner(site);
        Scenario scenario = scenario(Json.parseObject(request.body()));
        try {
            runner.play(scenario);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        return get(site);
    }

    static ApiResponse delete(TwinSite site) throws ApiException {
        runner(site).stop();
        return get(site);
    }

    /** The body's scenario, or with a name and no steps, the shipped one of that name. */
    private static Scenario scenario(JsonNode body) throws ApiException {
        if (body.has("steps") || !body.path("name").isTextual()) {
            try {
                return ScenarioJson.read("posted", body);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(e.getMessage());
            }
        }
        JsonFields fields = JsonFields.of(body, "", List.of("name", "loop"));
        String name = fields.text("name");
        Scenario shipped = Scenarios.shipped(name)
                .orElseThrow(() -> ApiException.badRequest("no shipped scenario \"" + name + "\": they are "
                        + String.join(", ", Scenarios.SHIPPED) + "; give any other with its \"steps\""));
        return shipped.withLoop(fields.bool("loop", shipped.loop()));
    }

    private static ScenarioRunner runner(TwinSite site) throws ApiException {
        return site.scenarios().orElseThrow(() -> new ApiException(404, "this site plays no scenarios"));
    }

    /** {@code {"name":null,"playing":false}} before any was played. */
    static ObjectNode status(Optional<ScenarioRunner.Status> status) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        if (status.isEmpty()) {
            return json.putNull("name").put("playing", false);
        }
        ScenarioRunner.Status s = status.get();
        Playback p = s.playback();
        Scenario scenario = p.scenario();
        json.put("name", scenario.name())
                .put("description", scenario.description())
                .put("playing", s.playing())
                .put("finished", p.finished())
                .put("loop", scenario.loop())
                .put("pass", p.pass() + 1)
                .put("position", seconds(s.position()))
                .put("length", seconds(scenario.length()))
                .put("steps", scenario.steps().size())
                .put("applied", p.applied());
        Optional<Step> next = p.nextStep();
        if (next.isPresent()) {
            json.put("step", next.get().number())
                    .put("nextAt", seconds(next.get().at()));
            s.nextIn().ifPresentOrElse(in -> json.put("nextIn", seconds(in)), () -> json.putNull("nextIn"));
            json.put("nextDoes", next.get().does()).put("nextNote", next.get().note());
        } else {
            json.putNull("step").putNull("nextAt").putNull("nextIn");
        }
        s.error().ifPresentOrElse(e -> json.put("error", e), () -> json.putNull("error"));
        return json;
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
