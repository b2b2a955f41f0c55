package org.pro380.twin.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The end of the event streams when the API closes, without a network. */
class StateEventsCloseTest {

    @Test
    void aStreamOpenedWhileTheApiClosesStillEndsWithTheLastChunk() {
        StateEvents events = new StateEvents(4, StateEvents.PERIOD);
        EmbeddedChannel channel = new EmbeddedChannel();
        // The calls thread opens the stream just after close() went through the streams.
        events.close();

        events.open(channel, HttpVersion.HTTP_1_1, StateEvents.opening(JsonNodeFactory.instance::objectNode));

        List<Object> written = new ArrayList<>();
        for (Object msg = channel.readOutbound(); msg != null; msg = channel.readOutbound()) {
            written.add(msg);
        }
        assertThat(written).hasSize(3);
        assertThat(written.get(0)).isInstanceOf(HttpResponse.class);
        assertThat(written.get(1)).isInstanceOf(HttpContent.class).isNotInstanceOf(LastHttpContent.class);
        assertThat(written.get(2)).isInstanceOf(LastHttpContent.class);
        assertThat(events.openStreams()).isZero();
        written.forEach(ReferenceCountUtil::release);
        channel.finishAndReleaseAll();
    }
}
